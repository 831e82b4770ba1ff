import { KLDivergence, Loss, type LossFunction, getLoss, serializeLoss } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';

/** What a distillation loss takes for each output: a Keras loss name, a Loss, a per-sample function, or null to skip the output. */
export type LossItem = string | Loss | LossFunction | null;
/** One item, or one per output of a multi-output model. */
export type LossStructure = LossItem | LossItem[];

/**
 * A resolved loss item. Keras's `keras.losses.get('kl_divergence')` returns
 * the *function* `kl_divergence`, while `'KLDivergence'` or an instance gives
 * the class; only a class instance triggers LogitsDistillation's softmax and
 * T² treatment, so the spelling is kept (`functionName`) to match Keras's numbers
 * and its config (a function serialises as `{class_name: 'function'}`).
 */
export interface ResolvedLoss {
  loss: Loss;
  /** The Keras function's name when the item was a function name or a function; null for a Loss class. */
  functionName: string | null;
}

function resolveItem(item: LossItem): ResolvedLoss | null {
  if (item === null || item === undefined) return null;
  if (item instanceof Loss) return { loss: item, functionName: null };
  const loss = getLoss(item);
  if (typeof item === 'string' && loss.className === item) return { loss, functionName: null };
  // A Keras function name (or alias, or a per-sample function): named as Keras's function is (`mse` is `mean_squared_error`).
  const canonical = loss.className === 'LossFunctionWrapper' ? loss.name : getLoss(loss.className).name;
  return { loss, functionName: canonical };
}

/** Resolves each item of a loss structure; throws when every item is null, as Keras does. */
export function resolveLosses(owner: string, structure: LossStructure): Array<ResolvedLoss | null> {
  const items = Array.isArray(structure) ? structure : [structure];
  const resolved = items.map(resolveItem);
  if (resolved.every((r) => r === null)) {
    throw new ValueError(`The \`loss\` argument in \`${owner}\` must contain at least one non-null value. Received: ${JSON.stringify(structure)}.`);
  }
  return resolved;
}

/** Keras's `serialize_keras_object` of a loss item: a Loss's config, a function's name record, or null. */
export function serializeResolved(resolved: ResolvedLoss | null): unknown {
  if (resolved === null) return null;
  if (resolved.functionName !== null) {
    return { module: 'builtins', class_name: 'function', config: resolved.functionName, registered_name: 'function' };
  }
  return serializeLoss(resolved.loss);
}

export function serializeStructure(structure: LossStructure, resolved: Array<ResolvedLoss | null>): unknown {
  return Array.isArray(structure) ? resolved.map(serializeResolved) : serializeResolved(resolved[0]);
}

/** Whether this is KLDivergence as a class (not the `kl_divergence` function): LogitsDistillation softens both sides then. */
export function isKLDivergenceClass(resolved: ResolvedLoss): boolean {
  return resolved.functionName === null && resolved.loss instanceof KLDivergence;
}

/** The outputs as a list, checked against the number of loss items (Keras's `tree.assert_same_structure`). */
export function outputsList(owner: string, what: string, outputs: tf.Tensor | tf.Tensor[], count: number, isList: boolean): tf.Tensor[] {
  const list = Array.isArray(outputs) ? outputs : [outputs];
  if (Array.isArray(outputs) !== isList || list.length !== count) {
    throw new ValueError(
      `${owner} has ${isList ? `a list of ${count} losses` : 'one loss'} but the ${what} outputs are ${Array.isArray(outputs) ? `a list of ${list.length} tensors` : 'one tensor'}: the loss structure must match the output structure.`,
    );
  }
  return list;
}

/** The mean of a loss's reduced value, as Keras's `ops.mean(loss_fn(y_true, y_pred))`. */
export function meanLoss(resolved: ResolvedLoss, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.mean(resolved.loss.compute(yTrue, yPred));
}
