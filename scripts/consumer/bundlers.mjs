/**
 * Builds the consumer project's web page (web/index.html, web/main.js: `import { Sequential, layers } from
 * '@strata/keras'`) with esbuild, Vite and webpack, each with its plain options for a browser build: no aliases,
 * no externals, no polyfills, no `define`. A bundler that cannot resolve something (a `node:` module, a Node-only
 * dependency) fails the build, and so the consumer test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip bytes of the files a bundler wrote, for the log (the size budget itself is apps/web/test/bundle-size.test.ts). */
function gzipBytesOf(folder) {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) total += gzipSync(readFileSync(join(entry.parentPath, entry.name))).length;
  }
  return total;
}

export async function bundleWithEsbuild(project) {
  const { build } = await import('esbuild');
  const outdir = join(project, 'out', 'esbuild');
  await build({
    entryPoints: [join(project, 'web', 'main.js')],
    absWorkingDir: project,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outdir,
    logLevel: 'warning',
  });
  return gzipBytesOf(outdir);
}

export async function bundleWithVite(project) {
  const { build } = await import('vite');
  const outDir = join(project, 'out', 'vite');
  await build({ root: join(project, 'web'), configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return gzipBytesOf(outDir);
}

export async function bundleWithWebpack(project) {
  const { default: webpack } = await import('webpack');
  const outDir = join(project, 'out', 'webpack');
  const compiler = webpack({
    mode: 'production',
    context: project,
    entry: './web/main.js',
    output: { path: outDir },
    // Terser on tfjs-core and h5wasm takes minutes on a 2-core CI machine and proves nothing about resolution.
    optimization: { minimize: false },
    performance: { hints: false },
  });
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  const { errors = [], warnings = [] } = stats.toJson({ all: false, errors: true, warnings: true });
  const problems = [...errors, ...warnings].map((problem) => `${problem.moduleName ?? ''}: ${problem.message.split('\n')[0]}`);
  if (problems.length > 0) throw new Error(`webpack reported ${problems.length} errors or warnings bundling @strata/keras:\n${problems.join('\n')}`);
  return gzipBytesOf(outDir);
}
