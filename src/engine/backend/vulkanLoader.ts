// Whether the Vulkan loader (libvulkan.so.1) can be found, checked before Dawn is loaded: Dawn prints a native,
// multi-line warning to stderr when dlopen fails, and that noise reaches the user of every command on a server or
// container without one. The check follows dlopen's search on Linux: LD_LIBRARY_PATH, the ld.so cache, the
// standard directories. On other systems Dawn uses Metal or Direct3D and the loader is not needed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  /** VK_ICD_FILENAMES or VK_DRIVER_FILES: the driver manifests the loader is told to use, instead of its search. */
  driverFiles: string | undefined;
  /** XDG_DATA_DIRS, where the loader also looks for vulkan/icd.d. */
  dataDirs: string | undefined;
  /** The .json files of a directory ([] when there is none). */
  jsonFiles(dir: string): string[];
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

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

export const SYSTEM_LOADER_SEARCH: LoaderSearch = {
  platform: process.platform,
  libraryPath: process.env.LD_LIBRARY_PATH,
  hidden: process.env.VHEAT_HIDE_VULKAN_LOADER !== undefined,
  driverFiles: process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES,
  dataDirs: process.env.XDG_DATA_DIRS,
  exists: existsSync,
  ldCache: readLdCache,
  jsonFiles,
};

/** Where the Vulkan loader looks for driver manifests on Linux when no VK_ICD_FILENAMES is set. */
const ICD_DIRS = ['/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/usr/share/vulkan/icd.d'];

/** True when the loader would find a driver manifest (always true off Linux). Without one, Dawn prints native
 *  warnings ("Found no drivers!") and finds no adapter: the caller says so itself without loading Dawn. */
export function vulkanDriverFound(search: LoaderSearch = SYSTEM_LOADER_SEARCH): boolean {
  if (search.platform !== 'linux') return true;
  if (search.driverFiles !== undefined) return search.driverFiles.split(':').some((f) => f !== '' && search.exists(f));
  const dataDirs = (search.dataDirs ?? '').split(':').filter((d) => d !== '').map((d) => join(d, 'vulkan/icd.d'));
  return [...ICD_DIRS, ...dataDirs].some((d) => search.jsonFiles(d).length > 0);
}

/** True when dlopen('libvulkan.so.1') would find a loader (always true off Linux, where Dawn needs none). */
export function vulkanLoaderFound(search: LoaderSearch = SYSTEM_LOADER_SEARCH): boolean {
  if (search.hidden) return false;
  if (search.platform !== 'linux') return true;
  const dirs = [...(search.libraryPath ?? '').split(':').filter((d) => d !== ''), ...STANDARD_DIRS];
  if (dirs.some((d) => search.exists(join(d, VULKAN_LOADER)))) return true;
  return search.ldCache().includes(VULKAN_LOADER);
}
