import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/graph.ts', 'src/options.ts', 'src/ctc.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
