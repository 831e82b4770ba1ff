import * as tf from '@tensorflow/tfjs-core';
import type { KerasOperation } from './keras-operation';
import type { SymbolicShape } from './keras-tensor';
import { mapTensors } from './structure';

export interface OutputSpec {
  shape: SymbolicShape;
  dtype: tf.DataType;
}

/** Two sizes for the unknown dimensions: an output dimension that differs between them is unknown too. */
const PROBE_SIZES = [2, 3];

function specsOf(result: unknown, opName: string): OutputSpec[] {
  const list = Array.isArray(result) ? result : [result];
  return list.map((item) => {
    if (!(item instanceof tf.Tensor)) throw new TypeError(`ops.${opName} returned ${typeof item}, not a tensor, on symbolic inputs.`);
    return { shape: [...item.shape], dtype: item.dtype };
  });
}

/**
 * The shapes and dtypes of an op node's outputs, found by running the op on zeros of the inputs' shapes with the
 * unknown dimensions set to 2, then to 3 (in the spirit of Keras's torch backend, which runs ops on meta
 * tensors). Returns whether the op returns a list, and one spec per output.
 */
export function inferOutputs(op: KerasOperation, args: unknown[], kwargs: Record<string, unknown>): { list: boolean; specs: OutputSpec[] } {
  const runs: OutputSpec[][] = [];
  let list = false;
  for (const size of PROBE_SIZES) {
    tf.tidy(() => {
      const concrete = (value: unknown) =>
        mapTensors(value, (t) => tf.zeros(t.shape.map((d) => d ?? size), t.dtype === 'string' ? 'float32' : t.dtype));
      let result: unknown;
      try {
        result = op.compute(concrete(args) as unknown[], concrete(kwargs) as Record<string, unknown>);
      } catch (error) {
        const shapes = tensorShapes(args);
        throw new TypeError(
          `ops.${op.spec.name} cannot be applied to symbolic tensors of shapes ${shapes}: ${(error as Error).message}`,
        );
      }
      list = Array.isArray(result);
      runs.push(specsOf(result, op.spec.name));
    });
  }
  const [first, second] = runs;
  const specs = first.map((spec, i) => ({
    dtype: spec.dtype,
    shape:
      spec.shape.length === second[i].shape.length
        ? spec.shape.map((d, axis) => (d === second[i].shape[axis] ? d : null))
        : spec.shape.map(() => null),
  }));
  return { list, specs };
}

function tensorShapes(args: unknown[]): string {
  const shapes: string[] = [];
  mapTensors(args, (t) => {
    shapes.push(`[${t.shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`);
    return t;
  });
  return shapes.join(' and ');
}
