// Rendering a model's DOT text with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz) and, for PNG,
// rasterizing Graphviz's SVG with resvg (@resvg/resvg-js). Both are optional peer dependencies, loaded with a
// dynamic import on the first call: an app that never plots neither bundles nor loads them, and no Graphviz
// binary is needed on the system. The package names are in variables (with @vite-ignore), as backend does for
// 'webgpu', so that a bundler does not try to resolve them for apps that do not install them; a browser app
// that plots passes the Graphviz module it bundled (`graphviz: await import('@hpcc-js/wasm-graphviz')`).
import type { Model } from '../model';
import { type ModelToDotOptions, modelToDot } from './model-to-dot';

/** What `renderDot` can produce: Graphviz's own text formats, SVG, and PNG through resvg. */
export type PlotFormat = 'svg' | 'png' | 'dot' | 'gv' | 'json' | 'plain';

export interface PlotModelOptions extends ModelToDotOptions {
  /**
   * Where to write the picture (Node); its extension picks the format (.png, .svg, .dot, .json...), and a name
   * without one is written as PNG, as Keras does. Default 'model.png'; null writes nothing and only returns it.
   */
  toFile?: string | null;
  /** The format to return when `toFile` is null. Default 'svg'. */
  format?: PlotFormat;
  /** The `@hpcc-js/wasm-graphviz` module, for bundles (browsers); in Node it is imported by name when omitted. */
  graphviz?: GraphvizModule;
}

const missing = (name: string, error: unknown) =>
  new Error(`plotModel needs the optional package '${name}' to draw the model; install it next to @strata/models (npm install ${name}).`, {
    cause: error,
  });

/** What plotModel uses of a loaded Graphviz (`@hpcc-js/wasm-graphviz`'s `Graphviz`). */
export interface GraphvizLayout {
  layout(dot: string, format: 'svg' | 'dot' | 'json' | 'plain', engine: 'dot'): string;
}

/**
 * The `@hpcc-js/wasm-graphviz` module, written out structurally so that these
 * declarations do not name the optional peer (a consumer without it still type-checks).
 */
export interface GraphvizModule {
  Graphviz: { load(): Promise<GraphvizLayout> };
}
let graphvizLoad: Promise<GraphvizLayout> | null = null;

/** What plotModel uses of `@resvg/resvg-js` (structural, for the same reason). */
interface ResvgModule {
  Resvg: new (svg: string, options: Record<string, unknown>) => { render(): { asPng(): Uint8Array } };
}

function graphviz(given?: GraphvizModule) {
  if (given) return given.Graphviz.load();
  const packageName = '@hpcc-js/wasm-graphviz';
  graphvizLoad ??= (import(/* @vite-ignore */ /* webpackIgnore: true */ packageName) as Promise<GraphvizModule>).then(
    (module) => module.Graphviz.load(),
    (error) => {
      graphvizLoad = null;
      throw missing('@hpcc-js/wasm-graphviz', error);
    },
  );
  return graphvizLoad;
}

/**
 * Graphviz already scales its SVG by the graph's dpi (`width="172pt"` at dpi=200 for a 62-point graph), and
 * its PNG has one pixel per such point; resvg reads a point as 4/3 pixel, so the width is set explicitly.
 */
function pixelWidth(svg: string): number | null {
  const match = /<svg width="(\d+(?:\.\d+)?)pt"/.exec(svg);
  return match ? Math.max(1, Math.round(Number(match[1]))) : null;
}

/**
 * Lays out a DOT text with Graphviz (wasm) and returns the picture: a string
 * for the text formats and SVG, PNG bytes for 'png' (Graphviz's SVG
 * rasterized by resvg with the system's fonts, as many pixels as Graphviz's own PNG at the graph's dpi).
 */
export async function renderDot(dot: string, format: PlotFormat = 'svg', module?: GraphvizModule): Promise<string | Uint8Array> {
  const layout = await graphviz(module);
  if (format === 'dot' || format === 'gv') return layout.layout(dot, 'dot', 'dot');
  if (format === 'json' || format === 'plain') return layout.layout(dot, format, 'dot');
  if (format !== 'svg' && format !== 'png') {
    throw new Error(`renderDot cannot write '${String(format)}'; it writes svg, png, dot, gv, json and plain.`);
  }
  const svg = layout.layout(dot, 'svg', 'dot');
  if (format === 'svg') return svg;
  let resvg: ResvgModule;
  const resvgName = '@resvg/resvg-js';
  try {
    resvg = await import(/* @vite-ignore */ /* webpackIgnore: true */ resvgName);
  } catch (error) {
    throw missing('@resvg/resvg-js', error);
  }
  const width = pixelWidth(svg);
  const fitTo = width === null ? ({ mode: 'original' } as const) : ({ mode: 'width', value: width } as const);
  const image = new resvg.Resvg(svg, { fitTo, font: { loadSystemFonts: true } }).render();
  return new Uint8Array(image.asPng());
}

/** The format a file name asks for: its extension, or PNG without one (Keras's `plot_model`). */
export function formatOfFile(file: string): PlotFormat {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : 'png';
  const formats: PlotFormat[] = ['svg', 'png', 'dot', 'gv', 'json', 'plain'];
  if (!formats.includes(extension as PlotFormat)) {
    throw new Error(`plotModel cannot write '${file}': the extension '.${extension}' is not one of ${formats.map((f) => `.${f}`).join(', ')}.`);
  }
  return extension as PlotFormat;
}

/**
 * `keras.utils.plot_model`: draws the model's graph (`modelToDot`) with
 * Graphviz and writes it to `toFile` in the format its extension names.
 * Returns the picture (PNG bytes or SVG/DOT text). As in Keras, layer names
 * are off by default here. In a browser, pass `toFile: null` and use what is
 * returned, with the Graphviz module your bundle imported (`graphviz`); SVG
 * works there, PNG needs Node's resvg.
 */
export async function plotModel(model: Model, options: PlotModelOptions = {}): Promise<string | Uint8Array> {
  const { toFile = 'model.png', format: requested, graphviz: module, ...dotOptions } = options;
  const format = toFile === null ? (requested ?? 'svg') : formatOfFile(toFile);
  const picture = await renderDot(modelToDot(model, { showLayerNames: false, ...dotOptions }), format, module);
  if (toFile !== null) {
    const { writeFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
    await writeFile(toFile, picture);
  }
  return picture;
}
