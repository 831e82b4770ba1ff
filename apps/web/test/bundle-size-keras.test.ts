/**
 * The first-load budget of `import { Sequential, layers } from '@strata/keras'`: built by Vite (the packages'
 * published dist/, minified, for the browser, tfjs-core external), the entry chunk plus the chunks it imports
 * statically. What is imported lazily (io-h5 and h5wasm on the first save or load, the backends, the gradient
 * registrations) loads later and is not counted; the test checks that it is not in the first load either.
 * Vite rather than esbuild: esbuild keeps every member of a namespace re-exported by another package
 * (`layers` here) as soon as one is used, and its first load is larger (about 150 kB); Vite keeps them too,
 * but compresses to less (see the last test).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { appDir } from './serve';

/**
 * Minified + gzip bytes of the first load. Measured 97,874 B when the budget was first set (110 kB), then
 * 146,787 B once @strata/keras's `Sequential` and `Model` gained Keras's static `fromConfig` (issue 16): a
 * static method cannot be shaken out of a class the app uses, and rebuilding a model from a config
 * synchronously needs every op (`builtInOps`) and the built-in layer, loss, metric and optimizer registry.
 * io-h5 and h5wasm stay out (the registry comes from `@strata/io-h5/registry`). Moving the op registry behind
 * a lazy import would bring this back toward 100 kB.
 */
// Raised from 152,000 (measured 174,308, +24 kB) in the seventh session: the `layers` namespace brings every
// layer, and 48 Keras layers joined it (the image augmentation layers, ConvLSTM, EinsumDense, GroupQueryAttention,
// the hashing and audio layers...).
// Raised from 176,000 (measured 176,711, +2.0 kB) by issue 17's fused step of Dense chains (see bundle-size.test.ts).
// Raised from 178,000 (measured 178,640, +1.4 kB) by the softmax op, the fused categorical cross-entropy and the
// one-kernel metric updates.
const BUDGET_GZIP_BYTES = 179_000;

async function buildFirstLoad(): Promise<string> {
  const result = await build({
    root: appDir,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rollupOptions: { input: join(appDir, 'bundle-size', 'keras-entry.ts'), external: [/^@tensorflow\/tfjs-core/] },
    },
  });
  const items = (Array.isArray(result) ? result : [result]).flatMap((output) => ('output' in output ? output.output : []));
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const item of items) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
  if (entry === undefined) throw new Error('Vite wrote no entry chunk for bundle-size/keras-entry.ts.');
  const loaded = new Set([entry.fileName]);
  for (const name of loaded) for (const imported of chunks.get(name)?.imports ?? []) if (chunks.has(imported)) loaded.add(imported);
  return [...loaded].map((name) => chunks.get(name)?.code ?? '').join('\n');
}

let built: Promise<string> | undefined;
/** The first load's code, built once for all the tests of this file. */
function firstLoad(): Promise<string> {
  built ??= buildFirstLoad();
  return built;
}

/** A string literal as any minifier writes it: Vite's writes `Dense` with backquotes. */
function hasStringLiteral(code: string, text: string): boolean {
  return ['"', "'", '`'].some((quote) => code.includes(`${quote}${text}${quote}`));
}

describe("bundle size of { Sequential, layers } from '@strata/keras'", () => {
  it(`stays under ${BUDGET_GZIP_BYTES} bytes minified + gzip on first load, tfjs-core external (Vite)`, async () => {
    const code = await firstLoad();
    const gzipBytes = gzipSync(code, { level: 9 }).length;
    console.log(`{ Sequential, layers } from @strata/keras: ${code.length} bytes minified, ${gzipBytes} bytes minified + gzip on first load`);
    expect(gzipBytes).toBeLessThan(BUDGET_GZIP_BYTES);
    expect(hasStringLiteral(code, 'Dense'), 'the first load contains Dense').toBe(true);
  });

  it('leaves io-h5, h5wasm, the zip reader and the datasets out of the first load', async () => {
    const code = await firstLoad();
    for (const marker of ['h5wasm', 'Not a Keras file', 'fflate', 'fashion-mnist']) {
      expect(code.includes(marker), `the first load contains ${marker}`).toBe(false);
    }
  });

  // Not yet: the unused layers. `layers` is a namespace that @strata/keras re-exports from @strata/layers, and
  // neither esbuild nor Vite (Rolldown) drops the members of such a namespace that the app does not read, so
  // this first load carries every layer (LSTM included) while { Sequential, Dense, SGD } from the packages
  // does not (bundle-size.test.ts). This test pins that fact, so the day it changes the budget can come down.
  it('still carries every layer through the layers namespace (a known cost, see the comment)', async () => {
    const code = await firstLoad();
    expect(hasStringLiteral(code, 'LSTM'), 'the first load no longer contains LSTM: lower the budget').toBe(true);
  });
});
