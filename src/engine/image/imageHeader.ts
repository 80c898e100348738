// What an image's first bytes say: its format and pixel size (read by header.ts, checked by structure.ts).
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}
