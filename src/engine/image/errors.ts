import { InputError, type InputErrorCode } from '../errors';

/** An image file the app cannot use: unsupported type, corrupt, or over the pixel cap. */
export class ImageInputError extends InputError {
  constructor(file: string, reason: string, code: InputErrorCode = 'malformed') {
    super(file, reason, code);
    this.name = 'ImageInputError';
  }
}
