import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bench.ts'],
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
