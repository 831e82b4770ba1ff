import { datasets } from '@strata/keras';
import { describe, expect, it } from 'vitest';
import { GREEN, RED } from './canvas';
import { cellFrame, drawPredictionGrid, drawSample, type PredictionCell } from './image-grid';
import { drawLearningCurves } from './learning-curves';

const blank = { pixels: new Uint8Array(28 * 28).fill(128), width: 28, height: 28 };
const classNames = ['zero', 'one', 'two'];

async function decode(png: Uint8Array) {
  const image = await datasets.decodeImage(png, 'the picture');
  const pixel = (x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));
  return { width: image.width, height: image.height, pixel };
}

describe('example pictures', () => {
  it('a prediction grid decodes at its size and frames right predictions in green, wrong ones in red', async () => {
    const cells: PredictionCell[] = [
      { image: blank, predicted: 1, confidence: 0.9, trueLabel: 1 },
      { image: blank, predicted: 2, confidence: 0.6, trueLabel: 0 },
      { image: blank, predicted: 0, confidence: 1, trueLabel: 0 },
    ];
    const canvas = drawPredictionGrid(cells, classNames, 2);
    const picture = await decode(await canvas.toPng());
    expect([picture.width, picture.height]).toEqual([canvas.width, canvas.height]);
    expect(picture.width).toBe(2 * 132);
    const frameColor = (index: number) => {
      const frame = cellFrame(index, 2);
      return picture.pixel(frame.x, frame.y + Math.floor(frame.size / 2));
    };
    expect(frameColor(0)).toEqual([...GREEN]);
    expect(frameColor(1)).toEqual([...RED]);
    expect(frameColor(2)).toEqual([...GREEN]);
    // The image inside the frame is drawn as cm.binary: 128 becomes 127.
    const inner = cellFrame(0, 2);
    expect(picture.pixel(inner.x + 10, inner.y + 10)).toEqual([127, 127, 127]);
  });

  it('the 25-image grid of the example is 5 × 5 cells', async () => {
    const cells = Array.from({ length: 25 }, (_, index) => ({ image: blank, predicted: index % 3, confidence: 0.5, trueLabel: 0 }));
    const picture = await decode(await drawPredictionGrid(cells, classNames).toPng());
    expect(picture.width).toBe(5 * 132);
    expect(picture.height).toBe(5 * (28 * 3 + 34) + 6);
    const wrong = cellFrame(1, 5);
    expect(picture.pixel(wrong.x, wrong.y)).toEqual([...RED]);
  });

  it('a sample image decodes with the image scaled up under its caption', async () => {
    const pixels = new Uint8Array(28 * 28);
    pixels[0] = 255;
    const canvas = drawSample({ pixels, width: 28, height: 28 }, 'label 9: Ankle boot');
    const picture = await decode(await canvas.toPng());
    expect([picture.width, picture.height]).toEqual([canvas.width, canvas.height]);
    expect(picture.height).toBe(28 * 8 + 26 + 32);
    const left = Math.round((canvas.width - 28 * 8) / 2);
    expect(picture.pixel(left + 3, 16 + 26 + 3)).toEqual([255, 255, 255]);
    expect(picture.pixel(left + 12, 16 + 26 + 3)).toEqual([0, 0, 0]);
  });

  it('learning curves draw one panel per quantity, with train and validation lines', async () => {
    const history = { loss: [0.6, 0.4, 0.3], val_loss: [0.5, 0.45, 0.42], accuracy: [0.8, 0.85, 0.9], val_accuracy: [0.82, 0.84, 0.86] };
    const canvas = drawLearningCurves(history);
    const picture = await decode(await canvas.toPng());
    expect([picture.width, picture.height]).toEqual([720, 270]);
    const colors = new Set<string>();
    for (let y = 0; y < picture.height; y++) {
      for (let x = 0; x < picture.width; x++) colors.add(picture.pixel(x, y).join(','));
    }
    expect(colors.has('31,119,180')).toBe(true); // train (blue)
    expect(colors.has('255,127,14')).toBe(true); // validation (orange)
    expect(drawLearningCurves({ loss: [1, 0.5] }).width).toBe(360);
  });
});
