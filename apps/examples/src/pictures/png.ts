/**
 * Writes a figure as PNG, in Node: the spec is rendered to SVG by Vega
 * (`render.ts`) and rasterized by resvg, a maintained SVG renderer shipped as
 * prebuilt binaries (no compiler at install). Text uses the system's fonts.
 */
import { writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render';

/** The figure as a PNG file's bytes, at its SVG size. */
export async function renderPng(spec: TopLevelSpec): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { svg } = await renderSvg(spec);
  const rendered = new Resvg(svg, {
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

/** Renders `spec` to a PNG file at `path` and returns the path. */
export async function savePng(spec: TopLevelSpec, path: string): Promise<string> {
  const { png } = await renderPng(spec);
  await writeFile(path, png);
  return path;
}
