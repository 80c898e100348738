import { describe, expect, it } from 'vitest';
import { vulkanDriverFound, vulkanLoaderFound, type LoaderSearch } from './vulkanLoader';

function search(over: Partial<LoaderSearch>): LoaderSearch {
  return { platform: 'linux', libraryPath: undefined, hidden: false, driverFiles: undefined, dataDirs: undefined, exists: () => false, ldCache: () => '', jsonFiles: () => [], ...over };
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
  it('finds a driver from VK_ICD_FILENAMES when set, else from the icd.d directories', () => {
    expect(vulkanDriverFound(search({}))).toBe(false);
    expect(vulkanDriverFound(search({ driverFiles: '/nonexistent/no_icd.json' }))).toBe(false);
    expect(vulkanDriverFound(search({ driverFiles: '/a.json:/b.json', exists: (p) => p === '/b.json' }))).toBe(true);
    expect(vulkanDriverFound(search({ jsonFiles: (d) => (d === '/usr/share/vulkan/icd.d' ? ['lvp_icd.x86_64.json'] : []) }))).toBe(true);
    expect(vulkanDriverFound(search({ dataDirs: '/opt/share', jsonFiles: (d) => (d === '/opt/share/vulkan/icd.d' ? ['x.json'] : []) }))).toBe(true);
    expect(vulkanDriverFound(search({ platform: 'win32' }))).toBe(true);
  });
});
