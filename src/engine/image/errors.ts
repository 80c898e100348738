/** An image file the app cannot use: unsupported type, corrupt, or over the pixel cap. */
export class ImageInputError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ImageInputError';
    this.file = file;
    this.reason = reason;
  }
}
