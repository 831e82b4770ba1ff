import type { PoolingArgs } from './base-pooling';

/** A pooling layer's options with the pool size among them: `new MaxPooling2D({ poolSize: 2, strides: 1 })`. */
export interface PoolingLayerArgs extends PoolingArgs {
  /** Size of the pooling window, one number for every spatial axis or one per axis (default 2). */
  poolSize?: number | number[];
}

type Size = number | number[];

function isOptions(value: unknown): value is PoolingLayerArgs {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSize(value: unknown): value is Size {
  return typeof value === 'number' || Array.isArray(value);
}

/**
 * The arguments of a pooling layer written as Keras's signature,
 * `MaxPooling2D(pool_size, strides, padding, data_format)`:
 * `new MaxPooling2D(2, 1)` pools 2 with strides 1, as in Keras, and
 * `new MaxPooling2D(2, 1, 'same')` pads; the options object may follow any
 * of them or stand alone (`{ poolSize, strides, padding }`). A value given
 * both positionally and as an option is refused rather than one winning.
 */
export function resolvePoolingArguments(
  layer: string,
  defaultPoolSize: Size,
  first: Size | PoolingLayerArgs | undefined,
  second: Size | null | PoolingArgs | undefined,
  third: string | PoolingArgs | undefined,
  fourth: PoolingArgs | undefined,
): [Size, PoolingArgs] {
  const positional: (string | null | Size)[] = [];
  const rest = [first, second, third, fourth];
  let options: PoolingLayerArgs = {};
  let index = 0;
  for (; index < rest.length; index++) {
    const value = rest[index];
    if (value === undefined) continue;
    if (isOptions(value)) {
      options = value;
      break;
    }
    if (index !== positional.length) {
      throw new TypeError(`${layer} received ${describe(value)} as argument ${index + 1} after an undefined one; expected its arguments in order: poolSize, strides, padding, options.`);
    }
    positional.push(value as string | null | Size);
  }
  const extra = rest.slice(index + 1).find((value) => value !== undefined);
  if (extra !== undefined) {
    throw new TypeError(`${layer} received ${describe(extra)} after its options object; expected the options last (poolSize, strides, padding, options).`);
  }
  const [poolSize, strides, padding] = positional;
  if (poolSize !== undefined && !isSize(poolSize)) throw new TypeError(`${layer} received poolSize=${describe(poolSize)}; expected a positive integer or a list of them.`);
  if (strides !== undefined && strides !== null && !isSize(strides)) throw new TypeError(`${layer} received strides=${describe(strides)}; expected a positive integer, a list of them, or null.`);
  if (padding !== undefined && typeof padding !== 'string') throw new TypeError(`${layer} received padding=${describe(padding)}; expected 'valid' or 'same'.`);
  const conflicts = (
    [
      ['poolSize', poolSize],
      ['strides', strides],
      ['padding', padding],
    ] as const
  ).filter(([name, value]) => value !== undefined && options[name] !== undefined);
  if (conflicts.length > 0) {
    const [name, value] = conflicts[0];
    throw new TypeError(`${layer} received ${name}=${describe(value)} as an argument and ${name}=${describe(options[name])} as an option; expected one of them.`);
  }
  const { poolSize: optionPoolSize, ...args } = options;
  if (strides !== undefined) args.strides = strides;
  if (padding !== undefined) args.padding = padding as string;
  return [(poolSize as Size | undefined) ?? optionPoolSize ?? defaultPoolSize, args];
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
