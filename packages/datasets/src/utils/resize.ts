import type { DecodedImage } from './image';

export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos' | 'box';

/** Pillow's resampling filters and their support radius, from `libImaging/Resample.c`. */
const FILTERS: Record<Exclude<Interpolation, 'nearest'>, { support: number; weight: (x: number) => number }> = {
  box: { support: 0.5, weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: { support: 1, weight: (x) => Math.max(0, 1 - Math.abs(x)) },
  bicubic: {
    support: 2,
    weight: (value) => {
      const a = -0.5;
      const x = Math.abs(value);
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, weight: (x) => (x > -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

function sinc(x: number): number {
  if (x === 0) return 1;
  return Math.sin(Math.PI * x) / (Math.PI * x);
}

/**
 * Resizes as Pillow's `Image.resize` does, which is what Keras's `load_img`
 * calls. Nearest takes the source pixel under each output pixel's centre.
 * The others are Pillow's separable convolution with antialiasing (the
 * filter widens when shrinking), horizontal pass then vertical, rounding to
 * 8 bits between passes with Pillow's 22-bit fixed-point weights, so results
 * match Pillow's.
 */
export function resizeImage(image: DecodedImage, height: number, width: number, interpolation: Interpolation = 'nearest'): DecodedImage {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new Error(`resizeImage expects a positive integer target size, received [${height}, ${width}].`);
  }
  if (height === image.height && width === image.width) return image;
  if (interpolation === 'nearest') return resizeNearest(image, height, width);
  const filter = FILTERS[interpolation];
  if (filter === undefined) throw new Error(`Unknown interpolation '${interpolation}'; expected nearest, bilinear, bicubic, lanczos or box.`);
  let result = image;
  if (width !== image.width) result = resamplePass(result, width, filter, true);
  if (height !== image.height) result = resamplePass(result, height, filter, false);
  return result;
}

function resizeNearest(image: DecodedImage, height: number, width: number): DecodedImage {
  const { channels } = image;
  const data = new Uint8Array(height * width * channels);
  const scaleX = image.width / width;
  const scaleY = image.height / height;
  for (let y = 0; y < height; y++) {
    const sourceY = Math.min(image.height - 1, Math.floor((y + 0.5) * scaleY));
    for (let x = 0; x < width; x++) {
      const sourceX = Math.min(image.width - 1, Math.floor((x + 0.5) * scaleX));
      const from = (sourceY * image.width + sourceX) * channels;
      data.set(image.data.subarray(from, from + channels), (y * width + x) * channels);
    }
  }
  return { width, height, channels, data };
}

const PRECISION_BITS = 32 - 8 - 2;

/** Pillow's `precompute_coeffs` followed by one 8-bit resampling pass along one axis. */
function resamplePass(
  image: DecodedImage,
  outSize: number,
  filter: { support: number; weight: (x: number) => number },
  horizontal: boolean,
): DecodedImage {
  const inSize = horizontal ? image.width : image.height;
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const bounds: Array<{ start: number; weights: number[] }> = [];
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    const start = Math.max(Math.trunc(center - support + 0.5), 0);
    const end = Math.min(Math.trunc(center + support + 0.5), inSize);
    const raw: number[] = [];
    let total = 0;
    for (let x = start; x < end; x++) {
      const weight = filter.weight((x - center + 0.5) / filterScale);
      raw.push(weight);
      total += weight;
    }
    const weights = raw.map((weight) => {
      const normalized = total === 0 ? weight : weight / total;
      const fixed = normalized * 2 ** PRECISION_BITS;
      return normalized < 0 ? Math.trunc(-0.5 + fixed) : Math.trunc(0.5 + fixed);
    });
    bounds.push({ start, weights });
  }
  const { channels } = image;
  const width = horizontal ? outSize : image.width;
  const height = horizontal ? image.height : outSize;
  const data = new Uint8Array(width * height * channels);
  const half = 2 ** (PRECISION_BITS - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const { start, weights } = bounds[horizontal ? x : y];
      for (let channel = 0; channel < channels; channel++) {
        let sum = half;
        for (let k = 0; k < weights.length; k++) {
          const source = horizontal ? (y * image.width + start + k) : ((start + k) * image.width + x);
          sum += image.data[source * channels + channel] * weights[k];
        }
        data[(y * width + x) * channels + channel] = Math.min(255, Math.max(0, Math.floor(sum / 2 ** PRECISION_BITS)));
      }
    }
  }
  return { width, height, channels, data };
}
