// vitest globalSetup: the tests run the TypeScript sources, which a worker thread cannot load, so the HDF5 worker
// entry (src/hdf5-worker.ts) is bundled with esbuild, as tsup does for dist, into a file the tests start it from.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    hdf5WorkerScript: string;
  }
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Inside the package's node_modules, so the bundle's `import 'h5wasm'` resolves; one file per run.
  const outfile = join(packageDir, 'node_modules', '.cache', 'strata-io-h5', `hdf5-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [join(packageDir, 'src', 'hdf5-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['h5wasm', 'fflate'],
    logLevel: 'warning',
  });
  project.provide('hdf5WorkerScript', pathToFileURL(outfile).href);
  return () => rm(outfile, { force: true });
}
