import type { OpSpec } from '../core/define-op';
import { bindStrataCall, kerasNodeOf } from './bind';
import { toNodeKey } from './index-key';
import { inferOutputs } from './infer-output';
import { KerasOperation } from './keras-operation';
import { KerasTensor } from './keras-tensor';
import { type OpSignature, signatureOf } from './signatures';
import { tensorsIn } from './structure';

/** Ops whose output shape depends on the input's values: a graph cannot know it before it runs. */
const VALUE_DEPENDENT = new Set(['nonzero', 'unique', 'bincount', 'ctc_decode']);

/** The signature of an op that can record a node, or a clear refusal. */
export function symbolicSignature(spec: OpSpec): OpSignature {
  const signature = signatureOf(spec.module, spec.name);
  const op = `ops.${spec.name}`;
  if (!signature) {
    throw new TypeError(`${op} cannot be applied to symbolic tensors: Keras has no keras.ops.${spec.module}.${spec.name} to save it as.`);
  }
  if (signature.class === null) {
    throw new TypeError(`${op} cannot be applied to symbolic tensors: Keras records no operation for it (${signature.why}).`);
  }
  if (VALUE_DEPENDENT.has(spec.name)) {
    throw new TypeError(`${op} cannot be applied to symbolic tensors: the shape of its result depends on the input's values.`);
  }
  if (signature.problems) {
    throw new TypeError(`${op} cannot be applied to symbolic tensors: Strata cannot save its node as Keras does (${signature.problems.join('; ')}).`);
  }
  return signature;
}

/**
 * Records an op applied to symbolic tensors as a node of the graph being built (Keras's
 * `Operation.symbolic_call`): a new KerasOperation holding the op's constructor config, one node with the
 * call's args and kwargs, and symbolic outputs whose shapes come from running the op on zeros.
 */
export function callSymbolic(spec: OpSpec, eager: (...args: any[]) => any, args: unknown[]): KerasTensor | KerasTensor[] {
  const signature = symbolicSignature(spec);
  const bound = bindStrataCall(signature, args);
  if (signature.class === 'GetItem') bound.key = toNodeKey(bound.key);
  for (const [name, value] of Object.entries(bound)) {
    if (typeof value === 'function') {
      throw new TypeError(`ops.${spec.name} cannot be applied to symbolic tensors with a function as "${name}": a graph node cannot save code.`);
    }
  }
  const node = kerasNodeOf(signature, bound);
  const operation = new KerasOperation(spec, signature, node.config, eager);
  return recordNode(operation, node.args, node.kwargs);
}

/** Adds a node for a call of `operation` on symbolic arguments and returns its symbolic outputs. */
export function recordNode(operation: KerasOperation, args: unknown[], kwargs: Record<string, unknown>): KerasTensor | KerasTensor[] {
  const { list, specs } = inferOutputs(operation, args, kwargs);
  const nodeIndex = operation.inboundNodes.length;
  const outputs = specs.map(
    (spec, i) => new KerasTensor(spec.shape, spec.dtype, operation, nodeIndex, i, `${operation.name}/output_${i}`),
  );
  operation.inboundNodes.push({ operation, inputs: tensorsIn([args, kwargs]), outputs, args, kwargs });
  return list ? outputs : outputs[0];
}
