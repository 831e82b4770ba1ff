/**
 * The argument handling every keras.applications family shares (Keras's `imagenet_utils`): the input shape,
 * the input tensor, the pooling or classifier choice and the zero padding before a strided convolution.
 * Kept small on purpose; the families of this branch use only these.
 */
import {
  type ActivationIdentifier,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Input,
  type Shape,
  type SymbolicTensor,
} from '@strata/layers';
import { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';

export type Pooling = 'avg' | 'max' | null;

/** Keras's arguments of every application function, camelCase. */
export interface ApplicationOptions {
  /** Whether to include the classifier at the top of the network (default true). */
  includeTop?: boolean;
  /**
   * Keras's `weights`. Strata never downloads: `null` (the default) gives random initialization. A path to a Keras
   * `.h5`/`.weights.h5` file is loaded asynchronously, so pass it to `model.loadWeights(path)` after building
   * (the model needs a saver: build through `@strata/keras`, or call `useKerasFiles(model)` from `@strata/io-h5`).
   */
  weights?: null;
  /** A symbolic tensor (the output of `Input` or of a layer) to use as the image input. */
  inputTensor?: SymbolicTensor | null;
  /** The image shape without the batch, channels last: `[height, width, 3]`. */
  inputShape?: Shape | null;
  /** Global pooling of the last feature map when `includeTop` is false. */
  pooling?: Pooling;
  /** Number of classes of the classifier (default 1000). */
  classes?: number;
  /** Activation of the classifier (default 'softmax'; null for logits). */
  classifierActivation?: ActivationIdentifier | null;
  /** The model's name (default: Keras's name of the architecture). */
  name?: string;
}

/** The options with Keras's defaults filled in. */
export interface ResolvedOptions {
  includeTop: boolean;
  inputTensor: SymbolicTensor | null;
  inputShape: Shape | null;
  pooling: Pooling;
  classes: number;
  classifierActivation: ActivationIdentifier | null;
}

export function resolveOptions(architecture: string, options: ApplicationOptions): ResolvedOptions {
  const weights = (options as { weights?: unknown }).weights;
  if (weights !== undefined && weights !== null) {
    throw new Error(
      `${architecture} received weights=${JSON.stringify(weights)}, but Strata builds the architecture with random weights only (weights: null); load a Keras weights file with \`await model.loadWeights(path)\` after building.`,
    );
  }
  const pooling = options.pooling ?? null;
  if (pooling !== null && pooling !== 'avg' && pooling !== 'max') {
    throw new Error(`${architecture} received pooling=${JSON.stringify(pooling)}; expected 'avg', 'max' or null.`);
  }
  const classes = options.classes ?? 1000;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new Error(`${architecture} received classes=${classes}; expected a positive integer.`);
  }
  return {
    includeTop: options.includeTop ?? true,
    inputTensor: options.inputTensor ?? null,
    inputShape: options.inputShape ?? null,
    pooling,
    classes,
    classifierActivation: options.classifierActivation === undefined ? 'softmax' : options.classifierActivation,
  };
}

/**
 * Keras's `obtain_input_shape` for channels-last images without pretrained weights: a given shape must have
 * three dimensions, each spatial one at least `minSize`; without one, the default size with the classifier
 * (which needs a static shape) and `[null, null, 3]` without it.
 */
export function obtainInputShape(
  architecture: string,
  inputShape: Shape | null,
  defaultSize: number,
  minSize: number,
  requireFlatten: boolean,
): Shape {
  let shape: Shape;
  if (inputShape && inputShape.length > 0) {
    if (inputShape.length !== 3) {
      throw new Error(
        `${architecture} received inputShape=[${inputShape.join(', ')}]; \`inputShape\` must be three integers (height, width, channels).`,
      );
    }
    const [height, width] = inputShape;
    if ((height !== null && height < minSize) || (width !== null && width < minSize)) {
      throw new Error(
        `${architecture} received inputShape=[${inputShape.join(', ')}]; the input size must be at least ${minSize}x${minSize}.`,
      );
    }
    shape = [...inputShape];
  } else {
    shape = requireFlatten ? [defaultSize, defaultSize, 3] : [null, null, 3];
  }
  if (requireFlatten && shape.includes(null)) {
    throw new Error(
      `${architecture} received inputShape=[${shape.join(', ')}]; with includeTop true the input shape must be static.`,
    );
  }
  return shape;
}

/** The image input: the given symbolic tensor, or a new `Input` of `shape`. */
export function imageInput(inputTensor: SymbolicTensor | null, shape: Shape): SymbolicTensor {
  return inputTensor ?? Input({ shape });
}

export { sourceInputs } from './common';
import { sourceInputs } from './common';

/** The functional model from the image input (or the input tensor's sources) to `outputs`. */
export function finishModel(
  imageTensor: SymbolicTensor,
  inputTensor: SymbolicTensor | null,
  outputs: SymbolicTensor,
  name: string,
): Model {
  const inputs = inputTensor ? sourceInputs(inputTensor) : [imageTensor];
  return new Model({ inputs: inputs.length === 1 ? inputs[0] : inputs, outputs, name });
}

/** Global pooling without the classifier (`pooling` 'avg' or 'max'), as Keras names it. */
export function poolFeatures(x: SymbolicTensor, pooling: Pooling): SymbolicTensor {
  if (pooling === 'avg') return new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x);
  if (pooling === 'max') return new GlobalMaxPooling2D({ name: 'max_pool' }).apply(x);
  return x;
}

/**
 * Keras's `correct_pad`: the zero padding that makes a 'valid' strided convolution of `kernelSize` centre on
 * the image as TensorFlow's 'same' does, one less on the top/left for an even size.
 */
export function correctPad(x: SymbolicTensor, kernelSize: number | [number, number]): [[number, number], [number, number]] {
  const [kh, kw] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
  const height = x.shape[1];
  const width = x.shape[2];
  const adjust = height === null || width === null ? [1, 1] : [1 - (height % 2), 1 - (width % 2)];
  const correct = [Math.floor(kh / 2), Math.floor(kw / 2)];
  return [
    [correct[0] - adjust[0], correct[0]],
    [correct[1] - adjust[1], correct[1]],
  ];
}

/** Keras's `imagenet_utils.preprocess_input` in 'tf' mode: pixels in [0, 255] scaled to [-1, 1]. */
export function preprocessTfMode(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.div(x, 127.5), 1));
}
