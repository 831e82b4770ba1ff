import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Keep `node:` in the lazy imports of fs, zlib, http...: browser bundlers recognise the prefix and
  // leave those Node-only paths out, while toCategorical and Dataset stay usable in the browser app.
  removeNodeProtocol: false,
});
