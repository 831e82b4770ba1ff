import * as tf from '@tensorflow/tfjs-core';
import { type Interpolation, resizeImage } from './resize';

/** A decoded 8-bit image, row-major, channels interleaved (height × width × channels). */
export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export type ColorMode = 'grayscale' | 'rgb' | 'rgba';

export interface LoadImgOptions {
  /** `[height, width]`, as Keras's `target_size`; the image is resized when it differs. */
  targetSize?: [number, number];
  colorMode?: ColorMode;
  /** Pillow's filter names; Keras's default is nearest. */
  interpolation?: Interpolation;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes PNG (pngjs) or JPEG (jpeg-js) bytes; both decoders are loaded only when needed. */
export async function decodeImage(bytes: Uint8Array, name = 'the image'): Promise<DecodedImage> {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    const { PNG } = await loadPngjs();
    try {
      // pngjs expands palette, grayscale and 16-bit images to 8-bit RGBA.
      const png = PNG.sync.read(toBuffer(bytes));
      return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    } catch (cause) {
      throw new Error(`${name} is not a readable PNG: ${(cause as Error).message}.`, { cause });
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const jpeg = await import('jpeg-js');
    const decode = jpeg.decode ?? (jpeg as unknown as { default: typeof jpeg }).default.decode;
    try {
      const image = decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: image.width, height: image.height, channels: 4, data: image.data };
    } catch (cause) {
      throw new Error(`${name} is not a readable JPEG: ${(cause as Error).message}.`, { cause });
    }
  }
  throw new Error(`${name} is neither PNG nor JPEG (its first bytes are not a PNG signature or a JPEG start marker).`);
}

/**
 * Converts between color modes as Pillow's `Image.convert`: to grayscale
 * with ITU-R 601-2 luma, `L = R * 299/1000 + G * 587/1000 + B * 114/1000`
 * in Pillow's fixed-point form; alpha is dropped (not composited), and
 * added as 255.
 */
export function convertColorMode(image: DecodedImage, mode: ColorMode): DecodedImage {
  const channels = mode === 'grayscale' ? 1 : mode === 'rgb' ? 3 : 4;
  if (channels === image.channels) return image;
  const pixels = image.width * image.height;
  const data = new Uint8Array(pixels * channels);
  for (let i = 0; i < pixels; i++) {
    const from = i * image.channels;
    const red = image.data[from];
    const green = image.channels === 1 ? red : image.data[from + 1];
    const blue = image.channels === 1 ? red : image.data[from + 2];
    const alpha = image.channels === 4 ? image.data[from + 3] : 255;
    if (channels === 1) {
      data[i] = (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >>> 16;
    } else {
      data[i * channels] = red;
      data[i * channels + 1] = green;
      data[i * channels + 2] = blue;
      if (channels === 4) data[i * channels + 3] = alpha;
    }
  }
  return { width: image.width, height: image.height, channels, data };
}

/**
 * Loads an image file as Keras's `keras.utils.load_img`: decode, convert to
 * `colorMode` (default rgb), then resize to `targetSize` with Pillow's
 * filter (default nearest). Node only; in a browser, decode with `decodeImage`.
 */
export async function loadImg(path: string, options: LoadImgOptions = {}): Promise<DecodedImage> {
  const fs = await import(/* webpackIgnore: true */ 'node:fs');
  const buffer = await fs.promises.readFile(path);
  const decoded = await decodeImage(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), path);
  const converted = convertColorMode(decoded, options.colorMode ?? 'rgb');
  if (options.targetSize === undefined) return converted;
  const [height, width] = options.targetSize;
  return resizeImage(converted, height, width, options.interpolation ?? 'nearest');
}

/** The image as a float32 tensor of shape [height, width, channels], values 0..255 (Keras's `img_to_array`). */
export function imgToArray(image: DecodedImage): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from(image.data), [image.height, image.width, image.channels], 'float32');
}

/**
 * A tensor [height, width, channels] (or [height, width]) as an 8-bit image,
 * as Keras's `array_to_img`: with `scale` (the default) values are mapped so
 * the minimum becomes 0 and the maximum 255; without, they are clipped.
 */
export function arrayToImg(array: tf.Tensor, { scale = true }: { scale?: boolean } = {}): DecodedImage {
  if (array.rank !== 2 && array.rank !== 3) {
    throw new Error(`arrayToImg expects a tensor of rank 2 or 3, received shape [${array.shape.join(', ')}].`);
  }
  const [height, width] = array.shape;
  const channels = array.rank === 2 ? 1 : array.shape[2];
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new Error(`arrayToImg expects 1, 3 or 4 channels, received ${channels}.`);
  }
  const values = array.dataSync() as ArrayLike<number>;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    minimum = Math.min(minimum, values[i]);
    maximum = Math.max(maximum, values[i]);
  }
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = scale ? (maximum > minimum ? ((values[i] - minimum) / (maximum - minimum)) * 255 : 0) : values[i];
    data[i] = Math.min(255, Math.max(0, Math.round(value)));
  }
  return { width, height, channels, data };
}

/** Encodes an image as PNG bytes (grayscale, RGB or RGBA, 8-bit). */
export async function encodePng(image: DecodedImage): Promise<Uint8Array> {
  const { PNG } = await loadPngjs();
  const rgba = convertColorMode(image, 'rgba');
  // Grayscale PNGs stay grayscale so a 28×28 digit round-trips as one channel.
  const colorType = image.channels === 1 ? 0 : image.channels === 3 ? 2 : 6;
  const buffer = PNG.sync.write(
    Object.assign(new PNG({ width: image.width, height: image.height }), { data: toBuffer(rgba.data) }),
    { colorType, inputColorType: 6, inputHasAlpha: true },
  );
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Writes a tensor or decoded image as a PNG file (Keras's `save_img`). */
export async function saveImg(path: string, image: tf.Tensor | DecodedImage, options: { scale?: boolean } = {}): Promise<void> {
  const decoded = image instanceof tf.Tensor ? arrayToImg(image, options) : image;
  const fs = await import(/* webpackIgnore: true */ 'node:fs');
  await fs.promises.writeFile(path, await encodePng(decoded));
}

async function loadPngjs(): Promise<typeof import('pngjs')> {
  const module = await import('pngjs');
  return (module.PNG ? module : (module as unknown as { default: typeof import('pngjs') }).default);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
