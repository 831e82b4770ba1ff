/**
 * Learning curves as in the Keras tutorials' matplotlib plots: one panel per
 * quantity (loss, accuracy), training and validation values per epoch, with
 * axes, tick labels and a legend.
 */
import { BLACK, BLUE, Canvas, type Color, LIGHT_GRAY, ORANGE } from './canvas';
import { GLYPH_HEIGHT, textWidth } from './font';

/** Keras's `History.history`: a list of values per log name (loss, val_loss, accuracy...). */
export type HistoryLogs = Record<string, number[]>;

const PANEL_WIDTH = 360;
const PANEL_HEIGHT = 270;
const MARGIN = { left: 52, right: 14, top: 26, bottom: 38 };

/** Draws the curves of `names` (e.g. ['loss', 'accuracy']) side by side, each with its `val_` twin when present. */
export function drawLearningCurves(history: HistoryLogs, names: string[] = ['loss', 'accuracy']): Canvas {
  const present = names.filter((name) => history[name]?.length);
  const canvas = new Canvas(PANEL_WIDTH * Math.max(1, present.length), PANEL_HEIGHT);
  present.forEach((name, index) => {
    drawPanel(canvas, index * PANEL_WIDTH, name, history[name], history[`val_${name}`]);
  });
  return canvas;
}

function drawPanel(canvas: Canvas, left: number, name: string, train: number[], validation: number[] | undefined): void {
  const x0 = left + MARGIN.left;
  const y0 = MARGIN.top;
  const width = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const height = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = [...train, ...(validation ?? [])].filter(Number.isFinite);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (!(high > low)) {
    low -= 0.5;
    high += 0.5;
  }
  const pad = (high - low) * 0.08;
  low -= pad;
  high += pad;
  const epochs = Math.max(train.length, validation?.length ?? 0);
  // Epochs are numbered from 1, as Keras's progress bar prints them.
  const xOf = (epoch: number) => x0 + (epochs === 1 ? width / 2 : ((epoch - 1) / (epochs - 1)) * width);
  const yOf = (value: number) => y0 + height - ((value - low) / (high - low)) * height;

  canvas.text(name, left + (PANEL_WIDTH - textWidth(name, 2)) / 2, 6, BLACK, 2);

  // Grid lines and y tick labels.
  const ticks = 5;
  for (let tick = 0; tick <= ticks; tick++) {
    const value = low + ((high - low) * tick) / ticks;
    const y = yOf(value);
    if (tick > 0 && tick < ticks) canvas.line(x0 + 1, y, x0 + width, y, LIGHT_GRAY);
    canvas.line(x0 - 4, y, x0, y, BLACK);
    const label = formatTick(value, high - low);
    canvas.text(label, x0 - 7 - textWidth(label), Math.round(y) - 3, BLACK);
  }
  // x ticks: every epoch when few, otherwise about eight.
  const every = Math.max(1, Math.ceil(epochs / 8));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if ((epoch - 1) % every !== 0 && epoch !== epochs) continue;
    const x = xOf(epoch);
    canvas.line(x, y0 + height, x, y0 + height + 4, BLACK);
    const label = String(epoch);
    canvas.text(label, Math.round(x - textWidth(label) / 2), y0 + height + 7, BLACK);
  }
  canvas.text('epoch', x0 + (width - textWidth('epoch')) / 2, y0 + height + 20, BLACK);

  // Axes.
  canvas.line(x0, y0, x0, y0 + height, BLACK);
  canvas.line(x0, y0 + height, x0 + width, y0 + height, BLACK);

  drawSeries(canvas, train, xOf, yOf, BLUE);
  if (validation) drawSeries(canvas, validation, xOf, yOf, ORANGE);

  // Legend in the right corner the curves end away from: top for falling curves (loss), bottom for rising ones (accuracy).
  const entries: [string, Color][] = [['train', BLUE]];
  if (validation) entries.push(['validation', ORANGE]);
  const legendWidth = 30 + Math.max(...entries.map(([label]) => textWidth(label)));
  const legendHeight = entries.length * 14 + 4;
  const lastValues = [train.at(-1), validation?.at(-1)].filter((value): value is number => Number.isFinite(value));
  const endsHigh = lastValues.some((value) => yOf(value) < y0 + legendHeight + 12);
  const legendLeft = x0 + width - legendWidth - 6;
  const legendTop = endsHigh ? y0 + height - legendHeight - 6 + 4 : y0 + 6;
  canvas.fillRect(legendLeft - 4, legendTop - 4, legendWidth + 8, legendHeight, [255, 255, 255]);
  canvas.strokeRect(legendLeft - 4, legendTop - 4, legendWidth + 8, legendHeight, LIGHT_GRAY);
  entries.forEach(([label, color], index) => {
    const y = legendTop + index * 14 + Math.floor(GLYPH_HEIGHT / 2);
    canvas.line(legendLeft, y, legendLeft + 20, y, color, 2);
    canvas.text(label, legendLeft + 26, y - 3, BLACK);
  });
}

function drawSeries(canvas: Canvas, values: number[], xOf: (epoch: number) => number, yOf: (value: number) => number, color: Color): void {
  for (let index = 1; index < values.length; index++) {
    canvas.line(xOf(index), yOf(values[index - 1]), xOf(index + 1), yOf(values[index]), color, 2);
  }
  values.forEach((value, index) => canvas.dot(xOf(index + 1), yOf(value), color));
}

/** Enough decimals to tell neighbouring ticks apart. */
function formatTick(value: number, range: number): string {
  const decimals = range >= 5 ? 1 : range >= 0.5 ? 2 : range >= 0.05 ? 3 : 4;
  return value.toFixed(decimals);
}
