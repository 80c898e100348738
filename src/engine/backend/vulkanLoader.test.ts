import { describe, expect, it } from 'vitest';
import { vulkanLoaderFound, type LoaderSearch } from './vulkanLoader';

function search(over: Partial<LoaderSearch>): LoaderSearch {
  return { platform: 'linux', libraryPath: undefined, hidden: false, exists: () => false, ldCache: () => '', ...over };
}

describe('vulkanLoaderFound', () => {
  it('finds no loader on a Linux machine without one', () => {
    expect(vulkanLoaderFound(search({}))).toBe(false);
  });
  it('finds the loader in LD_LIBRARY_PATH, a standard directory or the ld.so cache', () => {
    expect(vulkanLoaderFound(search({ libraryPath: '/opt/x:/usr/lib/chromium', exists: (p) => p === '/usr/lib/chromium/libvulkan.so.1' }))).toBe(true);
    expect(vulkanLoaderFound(search({ exists: (p) => p === '/usr/lib/x86_64-linux-gnu/libvulkan.so.1' }))).toBe(true);
    expect(vulkanLoaderFound(search({ ldCache: () => '\u0000libvulkan.so.1\u0000/usr/lib/x/libvulkan.so.1' }))).toBe(true);
  });
  it('needs none off Linux, and a test can hide it', () => {
    expect(vulkanLoaderFound(search({ platform: 'darwin' }))).toBe(true);
    expect(vulkanLoaderFound(search({ platform: 'darwin', hidden: true }))).toBe(false);
  });
});
