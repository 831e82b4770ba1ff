import { type DenseChainLayer, denseChainBackward, denseChainForward } from '@strata/backend';
import type { DenseChainLink, LayerVariable } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import type { CompiledState } from './compile';
import type { StepLogs } from './step';
import { castInputs } from './inputs';
import { freeTapeOnThrow } from './tape';

/**
 * The training step of a model that is a chain of Dense layers (Flatten
 * allowed), in two kernels of @strata/backend instead of one tape record per op
 * (docs/decisions/0008-dense-chain-step.md): `denseChainForward` runs every
 * layer, the loss and its gradient with respect to the last layer's output run
 * on a tape of their own (so every loss, and a softmax or sigmoid after the
 * last layer, work as they do in `trainStep`), and `denseChainBackward` returns
 * each weight's gradient. The optimizer, constraints, metrics and logs are
 * `trainStep`'s. The kernels and their order are the tape's, so the weights
 * after a step are bit for bit the same as without the chain
 * (dense-chain-step.test.ts).
 *
 * The step applies only where it computes what the layers' own calls compute;
 * `denseChainStep` returns null otherwise and `trainStep` runs the tape:
 * - a Sequential model, or a functional one whose input runs through its
 *   layers in a line (`Model.denseChain()`; not a subclass that overrides
 *   `call`), whose layers are all plain Dense (no regularizer, float32) or
 *   channels-last Flatten, with relu or linear activations but on the last layer;
 * - one input of rank 2, or any rank flattened before the first Dense; one
 *   target; no sample weights; a default `computeLoss`;
 * - the trainable weights exactly the chain's kernels and biases (no frozen layer);
 * - a backend with Strata's product (cpu, wasm: `useBackend`).
 */

/** A Dense layer of the chain, as the layer described itself. */
type DenseLink = Extract<DenseChainLink, { kind: 'dense' }>;

/** The chain's Dense links when the model and this batch qualify (above), else null. */
function denseLinks(model: Model, state: CompiledState, trainable: LayerVariable[], x: tf.Tensor[], y: tf.Tensor[], sampleWeight: tf.Tensor | null): DenseLink[] | null {
  if (x.length !== 1 || y.length !== 1 || sampleWeight !== null || state.losses.length !== 1) return null;
  const chain = model.denseChain();
  if (chain === null || model.overriddenSteps().computeLoss) return null;
  const shape = x[0].shape;
  const declared = chain.inputShape;
  if (declared !== null && (declared.length !== shape.length || declared.some((d, i) => d !== null && d !== shape[i]))) return null;
  let flat = shape.length === 2;
  const dense: DenseLink[] = [];
  for (const link of chain.links) {
    if (link.kind === 'flatten') {
      flat = true;
      continue;
    }
    // Dense contracts the last axis of a higher-rank input, which the chain does not; an activation the chain
    // cannot fuse may only follow the last layer.
    if (!flat || (dense.length > 0 && dense[dense.length - 1].fused === null)) return null;
    dense.push(link);
  }
  if (dense.length === 0) return null;
  const chainWeights = dense.flatMap((link) => (link.bias ? [link.kernel, link.bias] : [link.kernel]));
  if (trainable.length !== chainWeights.length || !chainWeights.every((weight) => trainable.includes(weight))) return null;
  return dense;
}

/**
 * One training step of a Dense chain, or null where the model, the batch or
 * the backend does not qualify (nothing has run then). `trainable` is the
 * model's trainable weights, as trainStep read them; `track` is trainStep's
 * bookkeeping after the update (loss tracker, label checks, metrics); its logs are returned.
 */
export function denseChainStep(
  model: Model,
  state: CompiledState,
  trainable: LayerVariable[],
  x: tf.Tensor[],
  y: tf.Tensor[],
  sampleWeight: tf.Tensor | null,
  track: (inputs: tf.Tensor[], yPred: tf.Tensor, loss: tf.Scalar) => StepLogs | undefined,
): { logs: StepLogs | undefined } | null {
  const links = denseLinks(model, state, trainable, x, y, sampleWeight);
  if (links === null) return null;
  // tidy keeps the tensors of the logs it returns; its type wants a TensorContainer (false: the chain did not run).
  const result = tf.tidy((): tf.TensorContainer => {
    const inputs = castInputs(model, x);
    const input = inputs[0];
    const flat = (input.rank === 2 ? input : tf.reshape(input, [input.shape[0], -1])) as tf.Tensor2D;
    const layers: DenseChainLayer[] = links.map((link) => ({
      kernel: link.kernel.value as tf.Tensor as tf.Tensor2D,
      bias: link.bias?.value as tf.Tensor as tf.Tensor1D | undefined,
      activation: link.fused ?? 'linear',
    }));
    const outputs = denseChainForward(flat, layers);
    if (outputs === null) return false;
    const lastLink = links[links.length - 1];
    model.clearCallLosses();
    let yPred: tf.Tensor | undefined;
    let loss: tf.Scalar | undefined;
    // The kept prediction and loss are freed whatever happens, a loss that refuses its targets included.
    try {
      // The loss (through the model's computeLoss, with the optimizer's loss scale) and its gradient with respect to the chain's output.
      const { grad } = tf.valueAndGrad((output: tf.Tensor) =>
        freeTapeOnThrow(() => {
          yPred = tf.keep(lastLink.fused === null ? lastLink.activation(output) : output);
          loss = tf.keep(model.computeLoss({ x: input, y: y[0], yPred, sampleWeight: null, training: true }));
          return state.optimizer.scaleLoss(loss) as tf.Scalar;
        })(),
      )(outputs[outputs.length - 1]);
      const gradients = denseChainBackward(grad as tf.Tensor2D, flat, outputs, layers);
      const byWeight = new Map<LayerVariable, tf.Tensor>();
      links.forEach((link, i) => {
        byWeight.set(link.kernel, gradients[i].kernel);
        if (link.bias) byWeight.set(link.bias, gradients[i].bias!);
      });
      // In the order of the trainable weights, as trainStep pairs them (a global clipnorm sums in that order).
      state.optimizer.applyGradients(trainable.map((weight) => [byWeight.get(weight), weight.value]));
      model.applyConstraints();
      return { logs: track(inputs, yPred!, loss!) } as unknown as tf.TensorContainer;
    } finally {
      yPred?.dispose();
      loss?.dispose();
    }
  });
  return result === false ? null : (result as { logs: StepLogs | undefined });
}
