import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { buildFromEntry, cloneLayer, deserializeNestedLayer, type LayerClassRegistry, serializeNestedLayer } from './nested-layer';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { type RecurrentCallOptions, RNN } from './rnn';
import { SimpleRNN } from './simple-rnn';

/** The layers a Bidirectional config can name without a registry. */
const BUILT_IN_RECURRENT: LayerClassRegistry = {
  SimpleRNN,
  LSTM,
  GRU,
  RNN: { className: 'RNN', fromConfig: (config) => RNN.fromConfig(config) },
};

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalArgs extends LayerArgs {
  /** How the forward and backward outputs are combined: `'concat'`, `'sum'`, `'mul'`, `'ave'`, or `null` to return both. Default `'concat'`. */
  mergeMode?: MergeMode;
  /** The layer that reads the sequence backwards; by default a copy of `layer` with `goBackwards: true`. */
  backwardLayer?: RNN;
  /** Resolves the class of `layer` when it is a custom one (copies are made through its config). */
  registry?: LayerClassRegistry;
}

const MERGE_MODES: MergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

const removePrefix = (name: string, prefix: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

/**
 * Runs a recurrent layer forwards and a copy backwards and merges the two.
 * As in Keras, the forward half is a copy of `layer` named `forward_<name>`,
 * the backward one `backward_<name>`, and the backward outputs are flipped
 * back to the forward time order before merging.
 */
export class Bidirectional extends Layer {
  static override className = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly stateful: boolean;

  constructor(layer: RNN, args: BidirectionalArgs = {}) {
    super(args);
    if (!(layer instanceof Layer)) {
      throw new Error(`Please initialize \`Bidirectional\` layer with a \`Layer\` instance. Received: ${String(layer)}`);
    }
    const mergeMode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!MERGE_MODES.includes(mergeMode)) {
      throw new Error(`Invalid merge mode. Received: ${mergeMode}. Merge mode should be one of {"sum", "mul", "ave", "concat", null}`);
    }
    this.forwardLayer = cloneLayer(layer, { name: `forward_${removePrefix(layer.name, 'forward_')}` }, args.registry, BUILT_IN_RECURRENT) as RNN;
    this.backwardLayer =
      args.backwardLayer ??
      (cloneLayer(layer, { name: `backward_${removePrefix(layer.name, 'backward_')}`, go_backwards: true }, args.registry, BUILT_IN_RECURRENT) as RNN);
    if (this.forwardLayer.goBackwards === this.backwardLayer.goBackwards) {
      throw new Error(
        `Forward layer and backward layer should have different \`go_backwards\` value. Received: forward_layer.go_backwards ${this.forwardLayer.goBackwards}, backward_layer.go_backwards=${this.backwardLayer.goBackwards}`,
      );
    }
    for (const key of ['stateful', 'returnSequences', 'returnState'] as const) {
      if (this.forwardLayer[key] !== this.backwardLayer[key]) {
        throw new Error(
          `Forward layer and backward layer are expected to have the same value for attribute "${key}", got "${this.forwardLayer[key]}" for forward layer and "${this.backwardLayer[key]}" for backward layer`,
        );
      }
    }
    // Keras zeroes masked outputs of both halves when they return sequences, so that the merge is not polluted.
    this.forwardLayer.zeroOutputForMask = this.forwardLayer.returnSequences;
    this.backwardLayer.zeroOutputForMask = this.backwardLayer.returnSequences;
    this.mergeMode = mergeMode;
    this.returnSequences = layer.returnSequences;
    this.returnState = layer.returnState;
    this.stateful = layer.stateful;
    this.supportsMasking = true;
    this.inputSpec = layer.inputSpec;
  }

  override build(inputShape: Shape): void {
    this.forwardLayer.maybeBuild(inputShape);
    this.backwardLayer.maybeBuild(inputShape);
  }

  override call(inputs: Tensors, options: RecurrentCallOptions = {}): Tensors {
    let forwardState: tf.Tensor[] | undefined;
    let backwardState: tf.Tensor[] | undefined;
    if (options.initialState) {
      const states = Array.isArray(options.initialState) ? options.initialState : [options.initialState];
      forwardState = states.slice(0, states.length / 2);
      backwardState = states.slice(states.length / 2);
    }
    const common = { training: options.training, mask: options.mask };
    let forward = this.forwardLayer.apply(inputs, { ...common, initialState: forwardState } as CallOptions);
    let backward = this.backwardLayer.apply(inputs, { ...common, initialState: backwardState } as CallOptions);
    let states: tf.Tensor[] = [];
    if (this.returnState) {
      states = [...(forward as tf.Tensor[]).slice(1), ...(backward as tf.Tensor[]).slice(1)];
      forward = (forward as tf.Tensor[])[0];
      backward = (backward as tf.Tensor[])[0];
    }
    let yReversed = backward as tf.Tensor;
    if (this.returnSequences) yReversed = tf.reverse(yReversed, 1);
    const merged = this.merge(forward as tf.Tensor, yReversed);
    return this.returnState ? [...(Array.isArray(merged) ? merged : [merged]), ...states] : merged;
  }

  private merge(y: tf.Tensor, yReversed: tf.Tensor): Tensors {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([y, yReversed], -1);
      case 'sum':
        return tf.add(y, yReversed);
      case 'ave':
        return tf.div(tf.add(y, yReversed), 2);
      case 'mul':
        return tf.mul(y, yReversed);
      default:
        return [y, yReversed];
    }
  }

  override computeOutputShape(inputShape: Shape): Shape | Shape[] {
    const shapes = this.forwardLayer.computeOutputShape(inputShape);
    const [output, ...stateShapes] = (this.returnState ? shapes : [shapes]) as Shape[];
    let merged: Shape[];
    if (this.mergeMode === 'concat') {
      const last = output[output.length - 1];
      merged = [[...output.slice(0, -1), last === null ? null : last * 2]];
    } else if (this.mergeMode === null) merged = [output, output];
    else merged = [output];
    const all = [...merged, ...stateShapes, ...stateShapes];
    return all.length === 1 ? all[0] : all;
  }

  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | Array<tf.Tensor | null> | null {
    const sequenceMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const outputMask = this.returnSequences ? sequenceMask : null;
    const outputs = this.mergeMode === null ? [outputMask, outputMask] : [outputMask];
    const states = this.returnState ? this.forwardLayer.stateSizes.flatMap(() => [null, null]) : [];
    const all = [...outputs, ...states];
    return all.length === 1 ? all[0] : all;
  }

  /** Sets both halves' kept states back to zeros. */
  resetStates(): void {
    if (!this.stateful) throw new Error(`Layer "${this.name}" must be stateful to reset its states.`);
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      merge_mode: this.mergeMode,
      layer: serializeNestedLayer(this.forwardLayer),
      backward_layer: serializeNestedLayer(this.backwardLayer),
    };
  }

  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): Bidirectional {
    const layer = deserializeNestedLayer(config.layer, registry, BUILT_IN_RECURRENT) as RNN;
    const backwardLayer = config.backward_layer ? (deserializeNestedLayer(config.backward_layer, registry, BUILT_IN_RECURRENT) as RNN) : undefined;
    const wrapper = new Bidirectional(layer, {
      ...layerArgsFromConfig(config),
      mergeMode: config.merge_mode as MergeMode,
      backwardLayer,
      registry,
    });
    buildFromEntry(wrapper, wrapper.forwardLayer, config.layer);
    if (backwardLayer) buildFromEntry(wrapper, backwardLayer, config.backward_layer);
    return wrapper;
  }
}
