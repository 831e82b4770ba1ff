import type { LocateOptions } from '../files/locate';

/**
 * The options of a loader called either way Keras users write it:
 * `mnist.loadData('data/mnist.npz')` (Keras's `mnist.load_data(path)`,
 * positional) or `mnist.loadData({ path })`. A string path with an options
 * object that names a path too is a contradiction, and is refused.
 */
export function optionsWithPath<T extends LocateOptions>(
  loader: string,
  pathOrOptions: string | T | undefined,
  options: Omit<T, 'path'> | undefined,
): T {
  if (pathOrOptions === undefined) return (options ?? {}) as T;
  if (typeof pathOrOptions === 'string') {
    if (options !== undefined && (options as LocateOptions).path !== undefined) {
      throw new TypeError(
        `${loader} received the path '${pathOrOptions}' and options with path '${String((options as LocateOptions).path)}'; expected one path, as the first argument or as options.path.`,
      );
    }
    return { ...options, path: pathOrOptions } as T;
  }
  if (typeof pathOrOptions !== 'object' || pathOrOptions === null || Array.isArray(pathOrOptions)) {
    throw new TypeError(`${loader} received ${JSON.stringify(pathOrOptions)} as its first argument; expected a file path (string) or an options object.`);
  }
  if (options !== undefined) {
    throw new TypeError(`${loader} received two options objects; expected a path (string) then options, or one options object.`);
  }
  return pathOrOptions;
}
