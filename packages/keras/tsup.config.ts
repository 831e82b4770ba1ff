import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * index.ts's own namespaces (`models`, `utils`, `saving`) stay modules of their own in dist, imported by
 * index.js: bundled into it, each would become an object built by a call at the top level, which an app's
 * bundler must keep with everything it names (io-h5 and datasets in the first load of `{ Sequential }`).
 */
const ownModules: Plugin = {
  name: 'strata-keras-own-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(models|utils|saving)$/ }, (args) =>
      args.importer.endsWith('index.ts') ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

export default defineConfig({
  entry: ['src/index.ts', 'src/models.ts', 'src/utils.ts', 'src/saving.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  esbuildPlugins: [ownModules],
});
