/**
 * Turns a Vega-Lite spec into a Vega view, headless: in Node it renders to
 * an SVG string (no canvas needed), in a browser to a canvas or SVG. The
 * one place that knows the library, so the web app and the examples draw
 * the same figures the same way.
 */
import { View, parse } from 'vega';
import { type TopLevelSpec, compile } from 'vega-lite';

/** A Vega view of `spec`, run once, ready to export (`toSVG`, `toCanvas`). */
export async function chartView(spec: TopLevelSpec): Promise<View> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

/** The figure as an SVG document, with its size in pixels. */
export async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; width: number; height: number }> {
  const view = await chartView(spec);
  try {
    const svg = await view.toSVG();
    const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    if (size === null) throw new Error(`renderSvg: Vega returned an SVG without a width and height: "${svg.slice(0, 120)}".`);
    return { svg, width: Number(size[1]), height: Number(size[2]) };
  } finally {
    view.finalize();
  }
}
