import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/fashion-mnist.ts'],
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
