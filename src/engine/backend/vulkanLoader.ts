// Whether the Vulkan loader (libvulkan.so.1) can be found, checked before Dawn is loaded: Dawn prints a native,
// multi-line warning to stderr when dlopen fails, and that noise reaches the user of every command on a server or
// container without one. The check follows dlopen's search on Linux: LD_LIBRARY_PATH, the ld.so cache, the
// standard directories. On other systems Dawn uses Metal or Direct3D and the loader is not needed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VULKAN_LOADER = 'libvulkan.so.1';

/** Directories dlopen searches after LD_LIBRARY_PATH and the cache (Debian multiarch and the classic ones). */
const STANDARD_DIRS = ['/lib', '/usr/lib', '/lib64', '/usr/lib64', '/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu'];

export interface LoaderSearch {
  platform: string;
  /** LD_LIBRARY_PATH as the process got it. */
  libraryPath: string | undefined;
  /** Set (to anything) by tests to stand for a machine without a loader, whatever this one has. */
  hidden: boolean;
  exists(path: string): boolean;
  /** The ld.so cache's bytes as text, or '' when there is none. */
  ldCache(): string;
}

function readLdCache(): string {
  try {
    return readFileSync('/etc/ld.so.cache', 'latin1');
  } catch {
    return '';
  }
}

export const SYSTEM_LOADER_SEARCH: LoaderSearch = {
  platform: process.platform,
  libraryPath: process.env.LD_LIBRARY_PATH,
  hidden: process.env.VHEAT_HIDE_VULKAN_LOADER !== undefined,
  exists: existsSync,
  ldCache: readLdCache,
};

/** True when dlopen('libvulkan.so.1') would find a loader (always true off Linux, where Dawn needs none). */
export function vulkanLoaderFound(search: LoaderSearch = SYSTEM_LOADER_SEARCH): boolean {
  if (search.hidden) return false;
  if (search.platform !== 'linux') return true;
  const dirs = [...(search.libraryPath ?? '').split(':').filter((d) => d !== ''), ...STANDARD_DIRS];
  if (dirs.some((d) => search.exists(join(d, VULKAN_LOADER)))) return true;
  return search.ldCache().includes(VULKAN_LOADER);
}
