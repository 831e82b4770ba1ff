/**
 * The tutorials' figures as Vega-Lite specifications: learning curves (one
 * panel per quantity, training and validation per epoch, as the Keras
 * tutorials plot `history.history` with matplotlib), one image with a
 * colour bar (`plt.imshow` + `plt.colorbar`), and a grid of predictions
 * captioned in green when right and red when wrong (tutorial 001's
 * `plot_image`). Pure data in, a spec out: the examples render it to PNG in
 * Node (`png.ts`) and the web app draws the same spec live in the page.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Keras's `History.history`: a list of values per log name (loss, val_loss, accuracy...). */
export type HistoryLogs = Record<string, number[]>;

/** One point of a learning curve. */
export interface CurveRow {
  /** The quantity, one panel each: 'loss', 'accuracy'... */
  quantity: string;
  /** Epochs count from 1 as Keras's progress bar prints them; fractions are points within an epoch. */
  epoch: number;
  value: number;
  set: 'train' | 'validation';
}

/** One grayscale image, row-major, 0..255. */
export interface GrayImage {
  pixels: ArrayLike<number>;
  width: number;
  height: number;
}

export interface PredictionCell {
  image: GrayImage;
  predicted: number;
  /** Probability of the predicted class, 0..1. */
  confidence: number;
  trueLabel: number;
}

/** matplotlib's first two colours (tab10), as the tutorials' plots show train and validation. */
export const TRAIN_COLOR = '#1f77b4';
export const VALIDATION_COLOR = '#ff7f0e';
export const RIGHT_COLOR = '#2ca02c';
export const WRONG_COLOR = '#d62728';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The rows of `history` for the quantities `names`, each with its `val_` twin when present. */
export function historyRows(history: HistoryLogs, names: string[] = ['loss', 'accuracy']): CurveRow[] {
  const rows: CurveRow[] = [];
  for (const name of names) {
    for (const [set, values] of [['train', history[name]], ['validation', history[`val_${name}`]]] as const) {
      values?.forEach((value, index) => {
        if (Number.isFinite(value)) rows.push({ quantity: name, epoch: index + 1, value, set });
      });
    }
  }
  return rows;
}

export interface CurveOptions {
  /** Width of one panel in pixels. Default 300. */
  panelWidth?: number;
  /** Height of one panel in pixels. Default 220. */
  panelHeight?: number;
  /** Fixes the epoch axis to [0, epochs] (a live curve that grows); default: the data's range. */
  epochs?: number;
}

/** Learning curves: one panel per quantity side by side, train in blue, validation in orange. */
export function learningCurvesSpec(rows: CurveRow[], options: CurveOptions = {}): TopLevelSpec {
  const quantities = [...new Set(rows.map((row) => row.quantity))];
  const sets = (['train', 'validation'] as const).filter((set) => rows.some((row) => row.set === set));
  const colors = { train: TRAIN_COLOR, validation: VALIDATION_COLOR };
  const epochScale = options.epochs === undefined ? { zero: false } : { domain: [0, options.epochs], nice: false };
  return {
    $schema: SCHEMA,
    background: 'white',
    hconcat: quantities.map((quantity) => ({
      title: quantity,
      width: options.panelWidth ?? 300,
      height: options.panelHeight ?? 220,
      data: { values: rows.filter((row) => row.quantity === quantity) },
      mark: { type: 'line', point: { size: 30 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', scale: epochScale, axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: {
          field: 'set',
          type: 'nominal',
          title: null,
          scale: { domain: sets, range: sets.map((set) => colors[set]) },
          legend: { orient: 'bottom' },
        },
      },
    })),
  } as TopLevelSpec;
}

/** The pixels of an image as rows for a `rect` mark. */
function pixelRows(image: GrayImage): Array<{ x: number; y: number; value: number }> {
  const rows = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) rows.push({ x, y, value: image.pixels[y * image.width + x] });
  }
  return rows;
}

/** An image drawn as matplotlib's `cm.binary` (0 white, 255 black), `scale` pixels per image pixel. */
function imageLayer(image: GrayImage, scale: number, legend: boolean) {
  const axis = { field: 'x', type: 'ordinal', axis: null, scale: { paddingInner: 0, paddingOuter: 0 } } as const;
  return {
    width: image.width * scale,
    height: image.height * scale,
    data: { values: pixelRows(image) },
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: axis,
      y: { ...axis, field: 'y' },
      color: {
        field: 'value',
        type: 'quantitative',
        title: null,
        scale: { domain: [0, 255], range: ['#ffffff', '#000000'], interpolate: 'rgb' },
        legend: legend ? { orient: 'right', gradientLength: image.height * scale } : null,
      },
    },
  };
}

/** One image, enlarged, under a caption such as "label 9: Ankle boot", with a colour bar as `plt.colorbar()`. */
export function sampleImageSpec(image: GrayImage, caption: string, scale = 8): TopLevelSpec {
  return { $schema: SCHEMA, background: 'white', title: caption, ...imageLayer(image, scale, true) } as TopLevelSpec;
}

/** Pixels per image pixel in the prediction grid. */
export const GRID_IMAGE_SCALE = 3;

/**
 * Tutorial 001's grid of predictions: each image in a frame, "predicted 97%"
 * and "(true)" below it, in green when right and red when wrong.
 */
export function predictionGridSpec(cells: PredictionCell[], classNames: string[], columns = 5): TopLevelSpec {
  return {
    $schema: SCHEMA,
    background: 'white',
    columns,
    spacing: 12,
    concat: cells.map((cell) => {
      const color = cell.predicted === cell.trueLabel ? RIGHT_COLOR : WRONG_COLOR;
      return {
        ...imageLayer(cell.image, GRID_IMAGE_SCALE, false),
        view: { stroke: color, strokeWidth: 3 },
        title: {
          text: [`${classNames[cell.predicted]} ${Math.round(cell.confidence * 100)}%`, `(${classNames[cell.trueLabel]})`],
          color,
          orient: 'bottom',
          fontSize: 11,
          fontWeight: 'normal',
          offset: 4,
        },
      };
    }),
  } as TopLevelSpec;
}
