import { datasets } from '@strata/keras';
import { describe, expect, it } from 'vitest';
import {
  type PredictionCell,
  RIGHT_COLOR,
  TRAIN_COLOR,
  VALIDATION_COLOR,
  WRONG_COLOR,
  historyRows,
  learningCurvesSpec,
  predictionGridSpec,
  sampleImageSpec,
} from './charts';
import { renderPng } from './png';
import { renderSvg } from './render';

const blank = { pixels: new Uint8Array(28 * 28).fill(128), width: 28, height: 28 };
const classNames = ['zero', 'one', 'two'];
const rgb = (hex: string) => [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));

async function decode(png: Uint8Array) {
  const image = await datasets.decodeImage(png, 'the picture');
  const pixel = (x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));
  /** How many pixels are within 8 of `hex` in every channel. */
  const count = (hex: string) => {
    const [r, g, b] = rgb(hex);
    let found = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      if (Math.abs(image.data[i] - r) <= 8 && Math.abs(image.data[i + 1] - g) <= 8 && Math.abs(image.data[i + 2] - b) <= 8) found++;
    }
    return found;
  };
  return { width: image.width, height: image.height, pixel, count };
}

describe('example pictures', () => {
  it('historyRows pairs each quantity with its val_ twin and numbers epochs from 1', () => {
    const rows = historyRows({ loss: [0.6, 0.4], val_loss: [0.5, Number.NaN], accuracy: [0.8, 0.9] }, ['loss', 'accuracy']);
    expect(rows).toEqual([
      { quantity: 'loss', epoch: 1, value: 0.6, set: 'train' },
      { quantity: 'loss', epoch: 2, value: 0.4, set: 'train' },
      { quantity: 'loss', epoch: 1, value: 0.5, set: 'validation' },
      { quantity: 'accuracy', epoch: 1, value: 0.8, set: 'train' },
      { quantity: 'accuracy', epoch: 2, value: 0.9, set: 'train' },
    ]);
  });

  it('learning curves draw one panel per quantity, with train and validation lines in their colours', async () => {
    const history = { loss: [0.6, 0.4, 0.3], val_loss: [0.5, 0.45, 0.42], accuracy: [0.8, 0.85, 0.9], val_accuracy: [0.82, 0.84, 0.86] };
    const { svg, width, height } = await renderSvg(learningCurvesSpec(historyRows(history)));
    // Two panels of 300 pixels and their axes: wider than two panels, less than three.
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(900);
    expect(svg).toContain('>loss<');
    expect(svg).toContain('>accuracy<');
    const picture = await decode((await renderPng(learningCurvesSpec(historyRows(history)))).png);
    expect([picture.width, picture.height]).toEqual([width, height]);
    expect(picture.count(TRAIN_COLOR)).toBeGreaterThan(100);
    expect(picture.count(VALIDATION_COLOR)).toBeGreaterThan(100);
    // A history without validation values draws one panel and no orange line.
    const single = await renderPng(learningCurvesSpec(historyRows({ loss: [1, 0.5] }, ['loss'])));
    expect(single.width).toBeLessThan(450);
    expect((await decode(single.png)).count(VALIDATION_COLOR)).toBe(0);
  });

  it('a prediction grid frames right predictions in green and wrong ones in red, images drawn as cm.binary', async () => {
    const cells: PredictionCell[] = [
      { image: blank, predicted: 1, confidence: 0.9, trueLabel: 1 },
      { image: blank, predicted: 2, confidence: 0.6, trueLabel: 0 },
      { image: blank, predicted: 0, confidence: 1, trueLabel: 0 },
    ];
    const spec = predictionGridSpec(cells, classNames, 2);
    const { svg } = await renderSvg(spec);
    expect(svg).toContain('one 90%');
    expect(svg).toContain('two 60%');
    expect(svg).toContain('(zero)');
    const picture = await decode((await renderPng(spec)).png);
    // Two right frames and one wrong one: twice as many green pixels as red ones (the captions share the colours).
    const green = picture.count(RIGHT_COLOR);
    const red = picture.count(WRONG_COLOR);
    expect(red).toBeGreaterThan(3 * 84);
    expect(green / red).toBeGreaterThan(1.5);
    expect(green / red).toBeLessThan(2.6);
    // 128 drawn with cm.binary is mid gray (255 - 128 = 127): three images of 84 × 84 pixels.
    expect(picture.count('#7f7f7f')).toBeGreaterThan(3 * 80 * 80);
  });

  it('a sample image shows white for 0 and black for 255, enlarged, under its caption', async () => {
    const pixels = new Uint8Array(28 * 28);
    pixels[0] = 255;
    const spec = sampleImageSpec({ pixels, width: 28, height: 28 }, 'label 9: Ankle boot');
    const { svg } = await renderSvg(spec);
    expect(svg).toContain('label 9: Ankle boot');
    const picture = await decode((await renderPng(spec)).png);
    expect(picture.width).toBeGreaterThan(28 * 8);
    expect(picture.height).toBeGreaterThan(28 * 8);
    // One black image pixel is 8 × 8 screen pixels (the colour bar adds a few more dark ones).
    expect(picture.count('#000000')).toBeGreaterThanOrEqual(64);
    expect(picture.count('#ffffff')).toBeGreaterThan(27 * 28 * 64);
  });
});
