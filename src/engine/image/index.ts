export { ImageInputError } from './errors';
export { checkImageHeader, readImageHeader, mimeType, DEFAULT_MAX_PIXELS, type ImageFormat, type ImageHeader } from './header';
export { checkResampleSize, preprocess, type RgbImage, type PreprocessedImage } from './preprocess';
