import { defineConfig } from 'vite';
import { mnistSubsetPlugin } from './build/mnist-subset-plugin.ts';

// Cross-origin isolation, so that SharedArrayBuffer exists and tfjs's threaded wasm build can load.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [mnistSubsetPlugin({ trainCount: 4000, testCount: 1000 })],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
