import { formatShape, type Shape } from './shape';

/**
 * What a layer accepts, as a plain object: the fields of Keras's InputSpec
 * in camelCase. Layers' own specs are written this way (`{ ndim: 4 }`); the
 * {@link InputSpec} class is the same thing with Keras's constructor, checks
 * and config.
 */
export interface InputSpecLike {
  /** The exact rank. */
  ndim?: number | null;
  /** The minimum rank. */
  minNdim?: number | null;
  /** The maximum rank. */
  maxNdim?: number | null;
  /** Axis (negative counts from the end) to required size; null allows any size. */
  axes?: Record<number, number | null>;
  /** The full shape with the batch axis; null axes are free. Sets `ndim`. */
  shape?: Shape | null;
  /** The input dtype, when the layer requires one. */
  dtype?: string | null;
  /** Also accept rank N+1 when the last axis is 1, and rank N-1 when the spec's last axis is 1. */
  allowLastAxisSqueeze?: boolean;
  /** The key of this input when inputs come as a dict. */
  name?: string | null;
  /** Whether the input may be absent. */
  optional?: boolean;
}

/** Keras's ValueError for an input that does not satisfy a layer's InputSpec. */
export class IncompatibleInputError extends Error {
  override readonly name = 'ValueError';
}

/** Keras's `InputSpec.get_config()`. */
export interface InputSpecConfig {
  /** The required dtype, or null for any. */
  dtype: string | null;
  /** The full shape with the batch axis (null axes free), or null. */
  shape: Shape | null;
  /** The exact rank, or null. */
  ndim: number | null;
  /** The maximum rank, or null. */
  max_ndim: number | null;
  /** The minimum rank, or null. */
  min_ndim: number | null;
  /** Axis to required size. */
  axes: Record<string, number | null>;
  /** Whether the input may be absent. */
  optional: boolean;
}

/**
 * Keras's `keras.InputSpec` (also `keras.layers.InputSpec`): the rank, rank
 * bounds, axis sizes, full shape and dtype that a layer's input must have.
 * Assign one to `layer.inputSpec` and the layer checks every input against
 * it before `call`, with Keras's messages.
 */
export class InputSpec implements InputSpecLike {
  readonly dtype: string | null;
  readonly shape: Shape | null;
  readonly ndim: number | null;
  readonly maxNdim: number | null;
  readonly minNdim: number | null;
  readonly axes: Record<number, number | null>;
  readonly allowLastAxisSqueeze: boolean;
  readonly name: string | null;
  readonly optional: boolean;

  constructor(options: InputSpecLike = {}) {
    this.dtype = options.dtype ?? null;
    if (options.shape != null) {
      this.shape = [...options.shape];
      this.ndim = options.shape.length;
    } else {
      this.shape = null;
      this.ndim = options.ndim ?? null;
    }
    this.maxNdim = options.maxNdim ?? null;
    this.minNdim = options.minNdim ?? null;
    this.name = options.name ?? null;
    this.optional = options.optional ?? false;
    this.allowLastAxisSqueeze = options.allowLastAxisSqueeze ?? false;
    const axes: Record<number, number | null> = {};
    for (const [key, size] of Object.entries(options.axes ?? {})) {
      const axis = Number(key);
      if (!Number.isInteger(axis)) {
        throw new TypeError(`Argument \`axes\` must be a dict with integer keys. Received: axes=${JSON.stringify(options.axes)}`);
      }
      axes[axis] = size;
    }
    this.axes = axes;
    const axisKeys = Object.keys(axes).map(Number);
    if (axisKeys.length > 0 && (this.ndim || this.maxNdim !== null)) {
      const maxDim = (this.ndim ? this.ndim : (this.maxNdim as number)) - 1;
      const maxAxis = Math.max(...axisKeys);
      if (maxAxis > maxDim) throw new IncompatibleInputError(`Axis ${maxAxis} is greater than the maximum allowed value: ${maxDim}`);
    }
  }

  /** Keras's `get_config()`. */
  getConfig(): InputSpecConfig {
    return {
      dtype: this.dtype,
      shape: this.shape,
      ndim: this.ndim,
      max_ndim: this.maxNdim,
      min_ndim: this.minNdim,
      axes: Object.fromEntries(Object.entries(this.axes)),
      optional: this.optional,
    };
  }

  /** Keras's `from_config`. */
  static fromConfig(config: Partial<InputSpecConfig>): InputSpec {
    return new InputSpec({
      dtype: config.dtype,
      shape: config.shape,
      ndim: config.ndim,
      maxNdim: config.max_ndim,
      minNdim: config.min_ndim,
      axes: config.axes as Record<number, number | null> | undefined,
      optional: config.optional,
    });
  }

  /** Keras's repr: `InputSpec(ndim=4, axes={-1: 3})`, the set fields only. */
  toString(): string {
    const axes = Object.entries(this.axes);
    const parts = [
      this.dtype ? `dtype=${this.dtype}` : '',
      this.shape && this.shape.length > 0 ? `shape=${formatShape(this.shape)}` : '',
      this.ndim ? `ndim=${this.ndim}` : '',
      this.maxNdim ? `max_ndim=${this.maxNdim}` : '',
      this.minNdim ? `min_ndim=${this.minNdim}` : '',
      axes.length > 0 ? `axes={${axes.map(([axis, size]) => `${axis}: ${size === null ? 'None' : size}`).join(', ')}}` : '',
    ];
    return `InputSpec(${parts.filter((p) => p).join(', ')})`;
  }
}

/**
 * Throws Keras 3's error (`assert_input_compatibility`) when an input of
 * `shape` (and `dtype`, when known) does not satisfy `spec`; the message names
 * the input, the spec's input name and the layer, as Keras's does.
 */
export function assertInputCompatibility(layerName: string, spec: InputSpecLike | null, shape: Shape, inputIndex = 0, dtype?: string): void {
  if (!spec) return;
  const prefix = `Input ${inputIndex} with name '${spec.name ?? 'None'}' of layer '${layerName}' is incompatible with the layer`;
  const rank = shape.length;
  const ndim = spec.shape != null ? spec.shape.length : spec.ndim;
  if (ndim != null && !spec.allowLastAxisSqueeze && rank !== ndim) {
    throw new IncompatibleInputError(`${prefix}: expected ndim=${ndim}, found ndim=${rank}. Full shape received: ${formatShape(shape)}`);
  }
  if (spec.maxNdim != null && rank > spec.maxNdim) {
    throw new IncompatibleInputError(`${prefix}: expected max_ndim=${spec.maxNdim}, found ndim=${rank}`);
  }
  if (spec.minNdim != null && rank < spec.minNdim) {
    throw new IncompatibleInputError(`${prefix}: expected min_ndim=${spec.minNdim}, found ndim=${rank}. Full shape received: ${formatShape(shape)}`);
  }
  if (spec.dtype != null && dtype !== undefined && dtype !== spec.dtype) {
    throw new IncompatibleInputError(`${prefix}: expected dtype=${spec.dtype}, found dtype=${dtype}`);
  }
  for (const [axisText, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(axisText);
    const actual = shape[axis < 0 ? rank + axis : axis];
    if (size !== null && actual !== null && actual !== undefined && actual !== size) {
      throw new IncompatibleInputError(
        `${prefix}: expected axis ${axis} of input shape to have value ${size}, but received input with shape ${formatShape(shape)}`,
      );
    }
  }
  if (spec.shape != null) {
    let specShape = spec.shape;
    let received = shape;
    if (spec.allowLastAxisSqueeze) {
      if (received.length > 0 && received[received.length - 1] === 1) received = received.slice(0, -1);
      if (specShape.length > 0 && specShape[specShape.length - 1] === 1) specShape = specShape.slice(0, -1);
    }
    for (let i = 0; i < Math.min(specShape.length, received.length); i++) {
      const expected = specShape[i];
      const actual = received[i];
      if (expected !== null && actual !== null && expected !== actual) {
        throw new IncompatibleInputError(
          `${prefix}: expected shape=${formatShape(spec.shape)}, found shape=${formatShape(received)}`,
        );
      }
    }
  }
}
