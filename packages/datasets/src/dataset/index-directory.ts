import { RandomState } from '../rng';

type Fs = typeof import('node:fs');
type Path = typeof import('node:path');

/** What `indexDirectory` found: files (joined to the directory given), their labels, the class names. */
export interface DirectoryIndex {
  filePaths: string[];
  labels: number[] | null;
  classNames: string[] | null;
}

export interface IndexDirectoryOptions {
  /** 'inferred' (one subfolder per class), null (no labels), or one integer label per file in sorted order. */
  labels?: 'inferred' | null | readonly number[];
  /** File name endings to keep, compared in lower case (['.txt']). */
  formats: readonly string[];
  classNames?: readonly string[] | null;
  shuffle?: boolean;
  seed: number;
  followLinks?: boolean;
}

/**
 * Keras's `index_directory`: class folders in sorted order (skipping names
 * starting with '.'), each walked as Python's `os.walk` sorted by folder path,
 * file names sorted within a folder; then, with `shuffle`, the paths and the
 * labels permuted by `np.random.RandomState(seed).shuffle`. The same seed
 * gives Keras's order.
 */
export async function indexDirectory(directory: string, options: IndexDirectoryOptions): Promise<DirectoryIndex> {
  const [fs, path] = await Promise.all([import('node:fs'), import('node:path')]);
  const { labels = 'inferred', formats, shuffle = true, followLinks = false } = options;
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new Error(`indexDirectory: '${directory}' is not a directory.`);
  }
  let subdirs: string[];
  if (labels === 'inferred') {
    const found = fs
      .readdirSync(directory)
      .sort(compareCodePoints)
      .filter((name) => !name.startsWith('.') && fs.statSync(path.join(directory, name)).isDirectory());
    subdirs = found;
    if (options.classNames) {
      const missing = options.classNames.filter((name) => !found.includes(name));
      if (missing.length > 0) {
        throw new Error(
          `The \`classNames\` passed did not match the names of the subdirectories of '${directory}'. Expected: [${found.join(', ')}] (or a subset of it), but received: classNames=[${options.classNames.join(', ')}].`,
        );
      }
      subdirs = [...options.classNames];
    }
  } else {
    if (options.classNames) {
      throw new Error('When `labels` is not "inferred" (null or a list of labels), `classNames` cannot be specified.');
    }
    subdirs = [''];
  }
  const filePaths: string[] = [];
  const inferred: number[] = [];
  subdirs.forEach((subdir, index) => {
    const folder = subdir === '' ? directory : path.join(directory, subdir);
    for (const file of walkSorted(fs, path, folder, followLinks)) {
      if (!formats.some((format) => file.toLowerCase().endsWith(format))) continue;
      filePaths.push(path.join(folder, file));
      inferred.push(index);
    }
  });
  let resultLabels: number[] | null;
  let classNames: string[] | null;
  if (labels === 'inferred') {
    resultLabels = inferred;
    classNames = subdirs;
  } else if (labels === null) {
    resultLabels = null;
    classNames = null;
  } else {
    if (labels.length !== filePaths.length) {
      throw new Error(
        `Expected the lengths of \`labels\` to match the number of files in the target directory. labels.length is ${labels.length} while we found ${filePaths.length} files in directory '${directory}'.`,
      );
    }
    resultLabels = [...labels];
    classNames = [...new Set(labels)].sort((a, b) => a - b).map(String);
  }
  if (shuffle) {
    new RandomState(options.seed).shuffle(filePaths);
    if (resultLabels) new RandomState(options.seed).shuffle(resultLabels);
  }
  return { filePaths, labels: resultLabels, classNames };
}

/** Python's string order (by code point), which `sorted` uses. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `root`, relative to it: folders in `os.walk` order sorted by path, names sorted inside each. */
function walkSorted(fs: Fs, path: Path, root: string, followLinks: boolean): string[] {
  const folders: string[] = [];
  const visit = (relative: string) => {
    folders.push(relative);
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      const isFolder = entry.isDirectory() || (followLinks && entry.isSymbolicLink() && fs.statSync(path.join(root, child)).isDirectory());
      if (isFolder) visit(child);
    }
  };
  visit('');
  // os.walk's tuples are sorted by their full root path, so 'a/b' comes before 'a-c' only if '/' sorts first.
  const withRoots = folders.map((relative) => ({ relative, key: path.join(root, relative) })).sort((a, b) => compareCodePoints(a.key, b.key));
  const files: string[] = [];
  for (const { relative } of withRoots) {
    const names = fs
      .readdirSync(path.join(root, relative), { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && !(entry.isSymbolicLink() && isFolderLink(fs, path.join(root, relative, entry.name))))
      .map((entry) => entry.name)
      .sort(compareCodePoints);
    for (const name of names) files.push(path.join(relative, name));
  }
  return files;
}

function isFolderLink(fs: Fs, file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Keras's `get_training_or_validation_split`: validation is the last `floor(split * n)` samples. */
export function trainingOrValidation<T>(samples: T[], validationSplit: number | undefined, subset: 'training' | 'validation'): T[] {
  if (!validationSplit) return samples;
  const validationCount = Math.floor(validationSplit * samples.length);
  return subset === 'training' ? samples.slice(0, samples.length - validationCount) : samples.slice(samples.length - validationCount);
}
