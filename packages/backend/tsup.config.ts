import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
  // Optional peers stay imports so an app installs only the backend it uses.
  external: ['webgpu', /^@tensorflow\/tfjs-backend-/],
  // tfjs-core's gradient registrations are ESM without file extensions, which
  // Node cannot import; bundling them here makes them loadable (docs/BACKENDS.md).
  noExternal: [/^@tensorflow\/tfjs-core\/dist\/(register_all_gradients|public\/chained_ops)/],
});
