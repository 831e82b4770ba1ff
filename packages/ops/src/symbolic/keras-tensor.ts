import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import type { OpSpec } from '../core/define-op';
import * as numpy from '../numpy';
import { RECORD_OP } from './brand';
import { callSymbolic } from './call-symbolic';
import type { Operation } from './operation';

/** What the operator methods take: another symbolic tensor, a tensor, a number, a boolean or a nested array. */
type Operand = KerasTensor | Tensor | number | boolean | Array<number | boolean | unknown[]>;
/** A `getItem` key (see ops.getItem): integers, `{start, stop, step}` slices, `'...'`, null for a new axis, tensors. */
type IndexKey = Parameters<typeof numpy.getItem>[1];

/** A shape whose dimensions may be unknown (null), as Keras writes `None`. */
export type SymbolicShape = Array<number | null>;

/**
 * A placeholder for a tensor in a model being built (Keras's KerasTensor): a shape and a dtype but no values,
 * and the operation call that produced it (Keras's `keras_history`: operation, node index, tensor index).
 * Ops applied to it record a node in the graph instead of computing (see `call-symbolic.ts`); its methods
 * are Keras's Python operators (`x + 1` is `x.add(1)`), since JavaScript has no operator overloading.
 */
export class KerasTensor {
  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DataType,
    /** The operation (layer or op) whose call produced this tensor; null for a free-standing placeholder. */
    readonly operation: Operation | null = null,
    /** Which call of that operation (index into its inbound nodes). */
    readonly nodeIndex: number = 0,
    /** Which output of that call. */
    readonly tensorIndex: number = 0,
    readonly name: string = 'keras_tensor',
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** Records an op called with this tensor among its arguments (what `defineOp` calls; see brand.ts). */
  [RECORD_OP](spec: unknown, eager: (...args: any[]) => any, args: unknown[]): KerasTensor | KerasTensor[] {
    return callSymbolic(spec as OpSpec, eager, args);
  }

  // Keras's KerasTensor operators (`__add__`, `__getitem__`...), as methods: each records the op Keras records.

  /** `x + y` (`ops.add`). */
  add(other: Operand): KerasTensor {
    return numpy.add(this, other as never);
  }

  /** `x - y` (`ops.subtract`). */
  sub(other: Operand): KerasTensor {
    return numpy.subtract(this, other as never);
  }

  /** `x * y` (`ops.multiply`). */
  mul(other: Operand): KerasTensor {
    return numpy.multiply(this, other as never);
  }

  /** `x / y`: Python's true division (`ops.trueDivide`, Keras's `TrueDivide`). */
  div(other: Operand): KerasTensor {
    return numpy.trueDivide(this, other as never);
  }

  /** `x // y` (`ops.floorDivide`). */
  floorDiv(other: Operand): KerasTensor {
    return numpy.floorDivide(this, other as never);
  }

  /** `x % y` (`ops.mod`). */
  mod(other: Operand): KerasTensor {
    return numpy.mod(this, other as never);
  }

  /** `x ** y` (`ops.power`). */
  pow(other: Operand): KerasTensor {
    return numpy.power(this, other as never);
  }

  /** `x @ y` (`ops.matmul`). */
  matMul(other: Operand): KerasTensor {
    return numpy.matmul(this, other as never);
  }

  /** `-x` (`ops.negative`). */
  neg(): KerasTensor {
    return numpy.negative(this);
  }

  /** `abs(x)` (`ops.absolute`). */
  abs(): KerasTensor {
    return numpy.absolute(this);
  }

  /** `round(x, decimals)` (`ops.round`). */
  round(decimals = 0): KerasTensor {
    return numpy.round(this, { decimals });
  }

  /** `x < y` (`ops.less`). */
  less(other: Operand): KerasTensor {
    return numpy.less(this, other as never);
  }

  /** `x <= y` (`ops.lessEqual`). */
  lessEqual(other: Operand): KerasTensor {
    return numpy.lessEqual(this, other as never);
  }

  /** `x > y` (`ops.greater`). */
  greater(other: Operand): KerasTensor {
    return numpy.greater(this, other as never);
  }

  /** `x >= y` (`ops.greaterEqual`). */
  greaterEqual(other: Operand): KerasTensor {
    return numpy.greaterEqual(this, other as never);
  }

  /** `x != y` (`ops.notEqual`). */
  notEqual(other: Operand): KerasTensor {
    return numpy.notEqual(this, other as never);
  }

  /** `x & y` (`ops.logicalAnd`). */
  logicalAnd(other: Operand): KerasTensor {
    return numpy.logicalAnd(this, other as never);
  }

  /** `x | y` (`ops.logicalOr`). */
  logicalOr(other: Operand): KerasTensor {
    return numpy.logicalOr(this, other as never);
  }

  /** `x ^ y` (`ops.logicalXor`). */
  logicalXor(other: Operand): KerasTensor {
    return numpy.logicalXor(this, other as never);
  }

  /** `~x` (`ops.logicalNot`). */
  logicalNot(): KerasTensor {
    return numpy.logicalNot(this);
  }

  /** `x[key]` (`ops.getItem`): `x.getItem([{}, {start: 1, stop: 3}])` is `x[:, 1:3]`, `x.getItem(['...', 0])` is `x[..., 0]`. */
  getItem(key: IndexKey): KerasTensor {
    return numpy.getItem(this, key as never);
  }

  /** `x.reshape(newshape)` (`ops.reshape`). */
  reshape(newshape: number | number[]): KerasTensor {
    return numpy.reshape(this, newshape);
  }

  /** `x.squeeze(axis)` (`ops.squeeze`). */
  squeeze(axis: number | number[] | null = null): KerasTensor {
    return numpy.squeeze(this, { axis } as never);
  }
}
