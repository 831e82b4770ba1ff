import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Keep `node:` in plotModel's lazy file write: browser bundlers recognise `node:fs/promises` as a Node
  // built-in (and the browser field maps it away), where a bare `fs/promises` looks like a missing package.
  removeNodeProtocol: false,
});
