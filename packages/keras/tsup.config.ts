import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * index.ts's own namespaces (`models`, `utils`, `saving`, `layers`, `losses`...) stay modules of their own in dist, imported by
 * index.js: bundled into it, each would become an object built by a call at the top level, which an app's
 * bundler must keep with everything it names (io-h5 and datasets in the first load of `{ Sequential }`).
 */
const ownModuleNames = ['models', 'utils', 'saving', 'layers', 'losses', 'metrics', 'optimizers', 'initializers', 'activations', 'regularizers', 'constraints', 'preprocessing'];

const ownModules: Plugin = {
  name: 'strata-keras-own-modules',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${ownModuleNames.join('|')})$`) }, (args) =>
      args.importer.endsWith('index.ts') ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

export default defineConfig({
  entry: ['src/index.ts', ...ownModuleNames.map((name) => `src/${name}.ts`)],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  esbuildPlugins: [ownModules],
});
