import { defineConfig } from 'tsup';

/**
 * The op families that index.ts also exports as sub-namespaces (`ops.nn`, `ops.numpy`, `ops.linalg`, `ops.image`)
 * are entries of their own, and index.ts imports them as `./<family>/index.js`, external to both builds. Bundled into
 * index.d.ts instead, a namespace is rebuilt from the chunks the entries share, and an interface imported from a chunk
 * (`CtcLossOptions`) becomes a value in it, which a strict consumer (skipLibCheck false) rejects.
 */
const namespaces = ['numpy', 'nn', 'linalg', 'image', 'tree'];
const entry = {
  index: 'src/index.ts',
  graph: 'src/graph.ts',
  options: 'src/options.ts',
  ctc: 'src/ctc.ts',
  ...Object.fromEntries(namespaces.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
};

export default defineConfig({
  entry,
  format: ['esm'],
  dts: { entry },
  external: [new RegExp(`^\\./(${namespaces.join('|')})/index\\.js$`)],
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
