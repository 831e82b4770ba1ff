import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Keep `node:` in the lazy imports of file-io.ts so browser bundlers know to leave them out.
  removeNodeProtocol: false,
});
