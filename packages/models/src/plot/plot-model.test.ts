// plotModel renders with Graphviz compiled to WebAssembly (no system binary) and writes SVG, PNG or DOT by the
// file's extension. The pictures are checked for what they must hold: one Graphviz node per layer, one edge per
// connection, the layer names, a PNG of the size the dpi asks for.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { Concatenate, Dense, Input, type SymbolicTensor, clearSession } from '@strata/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../model';
import { modelToDot } from './model-to-dot';
import { formatOfFile, plotModel, renderDot } from './plot-model';

let folder: string;
beforeAll(async () => {
  await useBackend('cpu');
  folder = mkdtempSync(join(tmpdir(), 'strata-plot-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function towers(): Model {
  clearSession();
  const left = Input({ shape: [5], name: 'left' });
  const right = Input({ shape: [3], name: 'right' });
  const merged = new Concatenate({ name: 'merge' }).apply([new Dense(4, { name: 'left_dense' }).apply(left) as SymbolicTensor, new Dense(4, { name: 'right_dense' }).apply(right) as SymbolicTensor]);
  return new Model({ inputs: [left, right], outputs: new Dense(1, { name: 'score' }).apply(merged as SymbolicTensor), name: 'two_towers' });
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('plotModel', () => {
  it('draws an SVG with one node per layer and one edge per connection, named as the layers', async () => {
    const model = towers();
    const file = join(folder, 'towers.svg');
    const svg = (await plotModel(model, { toFile: file, showLayerNames: true, showShapes: true })) as string;
    expect(readFileSync(file, 'utf8')).toBe(svg);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(count(svg, /<g id="node\d+" class="node">/g)).toBe(model.layers.length);
    expect(count(svg, /<g id="edge\d+" class="edge">/g)).toBe(5);
    for (const name of ['left', 'right', 'left_dense', 'right_dense', 'merge', 'score']) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain('Output shape: ');
  });

  it("writes a PNG sized by the dpi (Keras's default 200), for a file with .png or no extension", async () => {
    const model = towers();
    const file = join(folder, 'towers');
    const png = (await plotModel(model, { toFile: file })) as Uint8Array;
    const bytes = readFileSync(file);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBe(png.length);
    const width = (dpi: number, image: Uint8Array) => new DataView(image.buffer, image.byteOffset).getUint32(16) / dpi;
    const small = (await plotModel(model, { toFile: null, format: 'png', dpi: 50 })) as Uint8Array;
    // The same drawing at 200 and 50 dpi: four times the pixels across, to the rounding of a pixel.
    expect(Math.abs(width(200, png) - width(50, small))).toBeLessThan(0.05);
  });

  it('writes the DOT text Graphviz read, and refuses an extension it cannot write', async () => {
    const model = towers();
    const file = join(folder, 'towers.dot');
    await plotModel(model, { toFile: file });
    const laidOut = readFileSync(file, 'utf8');
    expect(laidOut).toContain('digraph G {');
    expect(laidOut).toMatch(/pos="/); // Graphviz's layout: every node has a position
    expect(() => formatOfFile('model.pdf')).toThrow(/the extension '\.pdf' is not one of \.svg, \.png/);
    // A bundle passes the Graphviz module it imported (what a browser app does).
    const svg = (await renderDot(modelToDot(model), 'svg', await import('@hpcc-js/wasm-graphviz'))) as string;
    expect(count(svg, /class="node"/g)).toBe(6);
  });
});
