/**
 * File access for the callbacks that write files. Node modules are imported
 * lazily, so a browser bundle that never writes files never loads them.
 */
type FileSystem = typeof import('node:fs/promises');
type PathModule = typeof import('node:path');

export interface NodeModules {
  fs: FileSystem;
  path: PathModule;
}

let modules: Promise<NodeModules> | undefined;

export function nodeModules(): Promise<NodeModules> {
  modules ??= Promise.all([import(/* webpackIgnore: true */ 'node:fs/promises'), import(/* webpackIgnore: true */ 'node:path')]).then(([fs, path]) => ({ fs, path }));
  return modules;
}

let temporaryCounter = 0;

/**
 * Writes `data` to `path` so that a crash leaves either the old file or the
 * new one, never half of one: write a temporary file beside it, flush it to
 * disk, then rename it over the target (rename is atomic on one file system).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const { fs, path: paths } = await nodeModules();
  await fs.mkdir(paths.dirname(path), { recursive: true });
  temporaryCounter += 1;
  const temporary = `${path}.tmp-${globalThis.process?.pid ?? 0}-${temporaryCounter}`;
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, path);
}

export async function fileExists(path: string): Promise<boolean> {
  const { fs } = await nodeModules();
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
