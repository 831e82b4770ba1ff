import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bench.ts', 'src/step-loop.ts'],
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
