import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The backends are imported when a test needs them, from the consumer's installation.
  external: [/^@tensorflow\//, /^@strata\//, 'vitest', 'fflate'],
});
