import type { OpSpec } from '../core/define-op';
import { bindKerasNode, strataCallOf } from './bind';
import { toSnakeCaseName, uniqueName } from './names';
import { Ellipsis, fromNodeKey, Slice } from './index-key';
import { ConstantArg } from './node-args';
import { Operation } from './operation';
import type { OpSignature } from './signatures';

/**
 * The operation an op records when applied to symbolic tensors (Keras's `Sum`, `Add`, `GetItem`... classes of
 * `keras.src.ops.*`): its class and constructor config as Keras saves them, and the op's eager function, which
 * the functional graph runs on concrete tensors.
 */
export class KerasOperation extends Operation {
  constructor(
    readonly spec: OpSpec,
    readonly signature: OpSignature,
    /** The constructor's arguments, by Keras's names, as the node's `config` holds them (without `name`). */
    readonly initConfig: Record<string, unknown>,
    private readonly eager: (...args: any[]) => unknown,
    name?: string,
  ) {
    super(name ?? uniqueName(toSnakeCaseName(signature.class as string)));
  }

  override get className(): string {
    return this.signature.class as string;
  }

  /** `keras.src.ops.numpy`: the module Keras's config names. */
  get module(): string {
    return `keras.src.ops.${this.signature.module}`;
  }

  /** Keras's config: the name, then the constructor's arguments. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, ...this.initConfig };
  }

  /** Runs the op on concrete values given as Keras's node holds them: the call's `args` and `kwargs`. */
  compute(args: unknown[], kwargs: Record<string, unknown>): unknown {
    const bound = bindKerasNode(this.signature, this.initConfig, materialize(args) as unknown[], materialize(kwargs) as Record<string, unknown>);
    return this.eager(...strataCallOf(this.signature, bound));
  }
}

/** Constants of a loaded node become tensors for one run (inside the caller's tidy); index keys take Strata's form. */
function materialize(value: unknown): unknown {
  if (value instanceof ConstantArg) return value.toTensor();
  if (value instanceof Slice || value === Ellipsis) return fromNodeKey(value);
  if (Array.isArray(value)) return value.map(materialize);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, materialize(item)]));
  }
  return value;
}
