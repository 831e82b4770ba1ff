/**
 * Turns a drawing into the 28×28 input an MNIST model expects, the way the
 * MNIST images themselves were made (LeCun et al.): the ink's bounding box is
 * scaled so that its longer side is 20 pixels (area averaging, aspect kept),
 * then placed in a 28×28 field so that its centre of mass sits at the centre.
 * Pure functions on grey values, so they can be tested without a canvas.
 */
export const MNIST_SIDE = 28;
const BOX_SIDE = 20;
const INK_THRESHOLD = 0.1;

/** Grey values 0..1 from RGBA pixels of light ink on a dark background (the red channel). */
export function greyFromRgba(rgba: Uint8ClampedArray | Uint8Array): Float32Array {
  const grey = new Float32Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i] / 255;
  return grey;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function inkBox(grey: Float32Array, width: number, height: number): Box | null {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x] <= INK_THRESHOLD) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** Area-averaging resize of the box to outWidth × outHeight. */
function resizeBox(grey: Float32Array, width: number, box: Box, outWidth: number, outHeight: number): Float32Array {
  const sums = new Float32Array(outWidth * outHeight);
  const counts = new Float32Array(outWidth * outHeight);
  for (let y = 0; y < box.height; y++) {
    const targetY = Math.min(outHeight - 1, Math.floor((y * outHeight) / box.height));
    for (let x = 0; x < box.width; x++) {
      const targetX = Math.min(outWidth - 1, Math.floor((x * outWidth) / box.width));
      sums[targetY * outWidth + targetX] += grey[(box.top + y) * width + box.left + x];
      counts[targetY * outWidth + targetX] += 1;
    }
  }
  for (let i = 0; i < sums.length; i++) sums[i] = counts[i] > 0 ? sums[i] / counts[i] : 0;
  return sums;
}

/**
 * The 784 pixels (0..1, row-major) of `grey` (width × height) prepared as an
 * MNIST digit, or null when nothing is drawn.
 */
export function toMnistPixels(grey: Float32Array, width: number, height: number): Float32Array | null {
  if (grey.length !== width * height) {
    throw new Error(`toMnistPixels received ${grey.length} grey values, but a ${width}×${height} image has ${width * height}.`);
  }
  const box = inkBox(grey, width, height);
  if (box === null) return null;
  const scale = BOX_SIDE / Math.max(box.width, box.height);
  const outWidth = Math.max(1, Math.round(box.width * scale));
  const outHeight = Math.max(1, Math.round(box.height * scale));
  const small = resizeBox(grey, width, box, outWidth, outHeight);
  let mass = 0;
  let massX = 0;
  let massY = 0;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const value = small[y * outWidth + x];
      mass += value;
      massX += value * (x + 0.5);
      massY += value * (y + 0.5);
    }
  }
  const clamp = (offset: number, size: number) => Math.min(MNIST_SIDE - size, Math.max(0, offset));
  const offsetX = clamp(Math.round(MNIST_SIDE / 2 - massX / mass), outWidth);
  const offsetY = clamp(Math.round(MNIST_SIDE / 2 - massY / mass), outHeight);
  const pixels = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) pixels[(offsetY + y) * MNIST_SIDE + offsetX + x] = small[y * outWidth + x];
  }
  return pixels;
}
