/**
 * Node-only helpers, loaded lazily so that a browser bundle never pulls in
 * Node built-ins. The module names sit in variables on purpose: bundlers
 * (esbuild, vite) then leave the imports alone instead of trying to resolve
 * `node:module` for the browser.
 */

/** True when running under Node (not a browser, not a web worker). */
export function isNode(): boolean {
  const processObject = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof processObject?.versions?.node === 'string';
}

type NodeRequire = ((id: string) => any) & { resolve(id: string): string };

let nodeRequirePromise: Promise<NodeRequire> | undefined;

/**
 * A CommonJS `require` anchored at this file. `import.meta.url` stays correct
 * after tsup bundles this package into dist/, so package lookups start from
 * our own location and find the peer dependencies next to it.
 */
export function nodeRequire(): Promise<NodeRequire> {
  const moduleBuiltin = 'node:module';
  nodeRequirePromise ??= import(/* webpackIgnore: true */ /* @vite-ignore */ moduleBuiltin).then(
    (module: { createRequire(url: string): NodeRequire }) => module.createRequire(import.meta.url),
  );
  return nodeRequirePromise;
}

/** The folder of an installed package, found through its package.json. */
export async function packageDirectory(packageName: string): Promise<string> {
  const require = await nodeRequire();
  const path = require('node:path') as typeof import('node:path');
  return path.dirname(require.resolve(`${packageName}/package.json`));
}
