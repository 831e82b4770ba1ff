import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/fashion-mnist.ts', 'src/mnist-mlp.ts', 'src/mnist-mlp-seeds.ts', 'src/cnn.ts', 'src/sequential-vs-functional.ts', 'src/add-style.ts'],
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
});
