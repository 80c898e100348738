// The official vHeat ImageNet-1k checkpoints (the authors' GitHub release, vheatcls): their names, files, the
// configuration each must hold, and what the paper reports. Users download them (`vheat fetch`, or the dev and
// preview servers' route); the project never re-hosts them (the repository has no licence file).
// Values: /work/shared/reference/vheat.md ("vHeat at a glance").

export type OfficialName = 'tiny' | 'small' | 'base';

export interface OfficialCheckpoint {
  name: OfficialName;
  /** As the page lists it. */
  title: string;
  /** The release asset's file name. */
  file: string;
  dims: number[];
  depths: number[];
  postNorm: boolean;
  layerScale: boolean;
  /** ImageNet-1k top-1 at 224x224, as reported (%). */
  top1: number;
  /** Parameters, as reported (millions). */
  paramsM: number;
  /** Approximate size of the release file (MB), shown before the download (the server's Content-Length decides). */
  approxMB: number;
}

/** The release that holds the files; `vheat fetch --base-url` and VHEAT_RELEASE_URL replace it (mirrors, tests). */
export const OFFICIAL_RELEASE_URL = 'https://github.com/MzeroMiko/vHeat/releases/download/vheatcls';

export const OFFICIAL_CHECKPOINTS: readonly OfficialCheckpoint[] = [
  { name: 'tiny', title: 'vHeat-T', file: 'vHeat_tiny.pth', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false, top1: 82.2, paramsM: 29, approxMB: 115 },
  { name: 'small', title: 'vHeat-S', file: 'vHeat_small.pth', dims: [96, 192, 384, 768], depths: [2, 2, 18, 2], postNorm: true, layerScale: true, top1: 83.6, paramsM: 50, approxMB: 200 },
  { name: 'base', title: 'vHeat-B', file: 'vHeat_base.pth', dims: [128, 256, 512, 1024], depths: [2, 2, 18, 2], postNorm: true, layerScale: true, top1: 83.9, paramsM: 87, approxMB: 350 },
];

export function officialCheckpoint(name: string): OfficialCheckpoint | undefined {
  return OFFICIAL_CHECKPOINTS.find((c) => c.name === name);
}

/** The release asset's URL under a base URL (no trailing slash needed). */
export function officialUrl(checkpoint: OfficialCheckpoint, baseUrl: string = OFFICIAL_RELEASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${checkpoint.file}`;
}
