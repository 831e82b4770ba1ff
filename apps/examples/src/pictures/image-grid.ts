/**
 * The tutorial's image figures: one training image with its label, and a
 * grid of test images captioned with the predicted class, its probability and
 * the true class, green when the prediction is right and red when it is wrong.
 */
import { BLACK, Canvas, GREEN, RED } from './canvas';
import { textWidth } from './font';

/** One grayscale image, row-major, 0..255. */
export interface GrayImage {
  pixels: ArrayLike<number>;
  width: number;
  height: number;
}

/** One training image, enlarged, under a caption such as "label 9: Ankle boot". */
export function drawSample(image: GrayImage, caption: string, scale = 8): Canvas {
  const margin = 16;
  const captionHeight = 26;
  const width = Math.max(image.width * scale, textWidth(caption, 2)) + 2 * margin;
  const canvas = new Canvas(width, image.height * scale + captionHeight + 2 * margin);
  canvas.text(caption, (width - textWidth(caption, 2)) / 2, margin, BLACK, 2);
  const left = Math.round((width - image.width * scale) / 2);
  canvas.drawGray(image.pixels, image.width, image.height, left, margin + captionHeight, scale);
  return canvas;
}

export interface PredictionCell {
  image: GrayImage;
  predicted: number;
  /** Probability of the predicted class, 0..1. */
  confidence: number;
  trueLabel: number;
}

export const CELL_WIDTH = 132;
export const IMAGE_SCALE = 3;
const CELL_HEIGHT = 28 * IMAGE_SCALE + 34;
const BORDER = 3;

/** Where the coloured frame of cell `index` starts, for tests and callers that annotate the grid. */
export function cellFrame(index: number, columns: number): { x: number; y: number; size: number } {
  const column = index % columns;
  const row = Math.floor(index / columns);
  const size = 28 * IMAGE_SCALE + 2 * BORDER;
  return { x: column * CELL_WIDTH + Math.round((CELL_WIDTH - size) / 2), y: row * CELL_HEIGHT + 6, size };
}

/**
 * A grid of predictions as in tutorial 001's `plot_image`: the image in a
 * frame and "predicted 97% (true)" below it, in green when right, red when wrong.
 */
export function drawPredictionGrid(cells: PredictionCell[], classNames: string[], columns = 5): Canvas {
  const rows = Math.ceil(cells.length / columns);
  const canvas = new Canvas(columns * CELL_WIDTH, rows * CELL_HEIGHT + 6);
  cells.forEach((cell, index) => {
    const color = cell.predicted === cell.trueLabel ? GREEN : RED;
    const frame = cellFrame(index, columns);
    canvas.strokeRect(frame.x, frame.y, frame.size, frame.size, color, BORDER);
    // Dark ink on white, as matplotlib's cm.binary in the tutorial.
    canvas.drawGray(cell.image.pixels, cell.image.width, cell.image.height, frame.x + BORDER, frame.y + BORDER, IMAGE_SCALE, true);
    const columnLeft = (index % columns) * CELL_WIDTH;
    const predictedLine = `${classNames[cell.predicted]} ${Math.round(cell.confidence * 100)}%`;
    const trueLine = `(${classNames[cell.trueLabel]})`;
    const top = frame.y + frame.size + 4;
    canvas.text(predictedLine, columnLeft + (CELL_WIDTH - textWidth(predictedLine)) / 2, top, color);
    canvas.text(trueLine, columnLeft + (CELL_WIDTH - textWidth(trueLine)) / 2, top + 10, color);
  });
  return canvas;
}
