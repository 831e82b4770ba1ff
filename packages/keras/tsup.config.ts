import { defineConfig } from 'tsup';

/**
 * index.ts's own namespaces (`models`, `utils`, `saving`, `layers`, `losses`...) stay modules of their own in dist, and
 * every module that uses one imports it as `./<name>.js`, which is external to both builds (an own module bundled
 * into a shared chunk loses its `export * from '<package>'` under esbuild's code splitting):
 * - JavaScript: bundled into index.js, each would become an object built by a call at the top level, which an app's
 *   bundler must keep with everything it names (io-h5 and datasets in the first load of `{ Sequential }`).
 * - Declarations: bundled into index.d.ts, a namespace made of `export *` from another package becomes a
 *   `_mergeNamespaces` function in the declaration file, which a strict consumer (skipLibCheck false) rejects.
 */
const ownModuleNames = ['models', 'utils', 'saving', 'layers', 'losses', 'metrics', 'optimizers', 'initializers', 'activations', 'regularizers', 'constraints', 'preprocessing', 'backend', 'config', 'distillation'];
const entry = ['src/index.ts', ...ownModuleNames.map((name) => `src/${name}.ts`)];

export default defineConfig({
  entry,
  format: ['esm'],
  dts: { entry },
  external: [new RegExp(`^\\./(${ownModuleNames.join('|')})\\.js$`)],
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
