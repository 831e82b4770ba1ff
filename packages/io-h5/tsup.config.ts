import { defineConfig } from 'tsup';

export default defineConfig({
  // The HDF5 worker is its own file beside index.js: hdf5/isolate.ts starts it with new Worker(new URL('./hdf5-worker.js', import.meta.url)).
  entry: { index: 'src/index.ts', registry: 'src/registry.ts', 'hdf5-worker': 'src/hdf5-worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', registry: 'src/registry.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Keep `node:` in the lazy imports of file-io.ts so browser bundlers know to leave them out.
  removeNodeProtocol: false,
});
