import { describe, expect, it } from 'vitest';
import { MNIST_SIDE, greyFromRgba, toMnistPixels } from './preprocess';

function canvasWith(width: number, height: number, fill: (x: number, y: number) => number): Float32Array {
  const grey = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) grey[y * width + x] = fill(x, y);
  return grey;
}

function inkExtent(pixels: Float32Array) {
  const rows: number[] = [];
  const columns: number[] = [];
  let mass = 0;
  let massX = 0;
  let massY = 0;
  pixels.forEach((value, i) => {
    if (value <= 0) return;
    const x = i % MNIST_SIDE;
    const y = Math.floor(i / MNIST_SIDE);
    rows.push(y);
    columns.push(x);
    mass += value;
    massX += value * (x + 0.5);
    massY += value * (y + 0.5);
  });
  return {
    width: Math.max(...columns) - Math.min(...columns) + 1,
    height: Math.max(...rows) - Math.min(...rows) + 1,
    centreX: massX / mass,
    centreY: massY / mass,
  };
}

describe('toMnistPixels', () => {
  it('returns null for an empty drawing', () => {
    expect(toMnistPixels(new Float32Array(280 * 280), 280, 280)).toBeNull();
  });

  it('scales a tall stroke so its height is 20 pixels, keeps the aspect, and centres its mass', () => {
    // A vertical bar 20 wide and 200 tall in the top-left corner of a 280×280 pad: a "1".
    const grey = canvasWith(280, 280, (x, y) => (x >= 10 && x < 30 && y >= 5 && y < 205 ? 1 : 0));
    const pixels = toMnistPixels(grey, 280, 280)!;
    expect(pixels).toHaveLength(784);
    const extent = inkExtent(pixels);
    expect(extent.height).toBe(20);
    expect(extent.width).toBe(2);
    expect(extent.centreX).toBeCloseTo(14, 0);
    expect(extent.centreY).toBeCloseTo(14, 0);
    expect(Math.max(...pixels)).toBe(1);
  });

  it('averages areas, so a thin faint stroke becomes grey rather than vanishing', () => {
    const grey = canvasWith(280, 280, (x, y) => (y >= 100 && y < 240 && x === 140 ? 1 : x >= 60 && x < 200 && y === 239 ? 1 : 0));
    const pixels = toMnistPixels(grey, 280, 280)!;
    const ink = [...pixels].filter((v) => v > 0);
    expect(ink.length).toBeGreaterThan(20);
    expect(Math.max(...ink)).toBeLessThan(1);
  });

  it('rejects grey values that do not match the size', () => {
    expect(() => toMnistPixels(new Float32Array(10), 28, 28)).toThrow('toMnistPixels received 10 grey values, but a 28×28 image has 784.');
  });
});

describe('greyFromRgba', () => {
  it('reads the red channel as 0..1', () => {
    const grey = greyFromRgba(new Uint8ClampedArray([255, 0, 0, 255, 51, 51, 51, 255]));
    expect(grey).toHaveLength(2);
    expect(grey[0]).toBe(1);
    expect(grey[1]).toBeCloseTo(0.2, 6);
  });
});
