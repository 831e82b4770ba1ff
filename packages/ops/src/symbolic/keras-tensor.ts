import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import type { OpSpec } from '../core/define-op';
// Named imports from the family files, not the numpy index: a namespace import would keep every numpy op in a
// bundle that only builds models (the bundle-size test of apps/web measures it).
import { add, floorDivide, mod, multiply, negative, power, subtract, trueDivide } from '../numpy/arithmetic';
import { greater, greaterEqual, less, lessEqual, notEqual } from '../numpy/comparison';
import { getItem } from '../numpy/get-item';
import { logicalAnd, logicalNot, logicalOr, logicalXor } from '../numpy/logical';
import { matmul } from '../numpy/products';
import { round } from '../numpy/rounding';
import { reshape, squeeze } from '../numpy/shape';
import { absolute } from '../numpy/unary-math';
import { RECORD_OP } from './brand';
import { callSymbolic } from './call-symbolic';
import type { Operation } from './operation';

/** What the operator methods take: another symbolic tensor, a tensor, a number, a boolean or a nested array. */
type Operand = KerasTensor | Tensor | number | boolean | Array<number | boolean | unknown[]>;
/** A `getItem` key (see ops.getItem): integers, `{start, stop, step}` slices, `'...'`, null for a new axis, tensors. */
type IndexKey = Parameters<typeof getItem>[1];

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
    return add(this, other as never);
  }

  /** `x - y` (`ops.subtract`). */
  sub(other: Operand): KerasTensor {
    return subtract(this, other as never);
  }

  /** `x * y` (`ops.multiply`). */
  mul(other: Operand): KerasTensor {
    return multiply(this, other as never);
  }

  /** `x / y`: Python's true division (`ops.trueDivide`, Keras's `TrueDivide`). */
  div(other: Operand): KerasTensor {
    return trueDivide(this, other as never);
  }

  /** `x // y` (`ops.floorDivide`). */
  floorDiv(other: Operand): KerasTensor {
    return floorDivide(this, other as never);
  }

  /** `x % y` (`ops.mod`). */
  mod(other: Operand): KerasTensor {
    return mod(this, other as never);
  }

  /** `x ** y` (`ops.power`). */
  pow(other: Operand): KerasTensor {
    return power(this, other as never);
  }

  /** `x @ y` (`ops.matmul`). */
  matMul(other: Operand): KerasTensor {
    return matmul(this, other as never);
  }

  /** `-x` (`ops.negative`). */
  neg(): KerasTensor {
    return negative(this);
  }

  /** `abs(x)` (`ops.absolute`). */
  abs(): KerasTensor {
    return absolute(this);
  }

  /** `round(x, decimals)` (`ops.round`). */
  round(decimals = 0): KerasTensor {
    return round(this, { decimals });
  }

  /** `x < y` (`ops.less`). */
  less(other: Operand): KerasTensor {
    return less(this, other as never);
  }

  /** `x <= y` (`ops.lessEqual`). */
  lessEqual(other: Operand): KerasTensor {
    return lessEqual(this, other as never);
  }

  /** `x > y` (`ops.greater`). */
  greater(other: Operand): KerasTensor {
    return greater(this, other as never);
  }

  /** `x >= y` (`ops.greaterEqual`). */
  greaterEqual(other: Operand): KerasTensor {
    return greaterEqual(this, other as never);
  }

  /** `x != y` (`ops.notEqual`). */
  notEqual(other: Operand): KerasTensor {
    return notEqual(this, other as never);
  }

  /** `x & y` (`ops.logicalAnd`). */
  logicalAnd(other: Operand): KerasTensor {
    return logicalAnd(this, other as never);
  }

  /** `x | y` (`ops.logicalOr`). */
  logicalOr(other: Operand): KerasTensor {
    return logicalOr(this, other as never);
  }

  /** `x ^ y` (`ops.logicalXor`). */
  logicalXor(other: Operand): KerasTensor {
    return logicalXor(this, other as never);
  }

  /** `~x` (`ops.logicalNot`). */
  logicalNot(): KerasTensor {
    return logicalNot(this);
  }

  /** `x[key]` (`ops.getItem`): `x.getItem([{}, {start: 1, stop: 3}])` is `x[:, 1:3]`, `x.getItem(['...', 0])` is `x[..., 0]`. */
  getItem(key: IndexKey): KerasTensor {
    return getItem(this, key as never);
  }

  /** `x.reshape(newshape)` (`ops.reshape`). */
  reshape(newshape: number | number[]): KerasTensor {
    return reshape(this, newshape);
  }

  /** `x.squeeze(axis)` (`ops.squeeze`). */
  squeeze(axis: number | number[] | null = null): KerasTensor {
    return squeeze(this, { axis } as never);
  }
}
