/**
 * What every `keras.applications` constructor shares: the options, the checks Keras makes on them
 * (`obtain_input_shape`, `validate_activation`, `include_top` with `classes`), the image input, the
 * pooling/classifier head and the final functional model.
 *
 * A family file calls, in order: `applicationInput(...)` (checks and the input tensor), its own layers,
 * then `classifierHead(...)` or `poolingHead(...)`, then `finishModel(...)`.
 */
import {
  type ActivationIdentifier,
  Dense,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  getActivation,
  Input,
  InputLayer,
  type Layer,
  type Shape,
  SymbolicTensor,
  serializeActivation,
} from '@strata/layers';
import { Model } from '@strata/models';

/** Pooling of the last feature map when `includeTop` is false: Keras's `pooling` argument. */
export type Pooling = 'avg' | 'max' | null;

/**
 * Loads weights into the built model, synchronously, before the constructor returns it. Keras's own
 * `.h5` weight files are read with `await loadWeights(model, path)` from `@strata/io-h5` after
 * construction (reading a file is asynchronous and applications sit beside io-h5 in the map).
 */
export type WeightsLoader = (model: Model) => void;

/** Keras's arguments shared by every application, in camelCase. */
export interface ApplicationOptions {
  /** Whether to include the classifier head (Keras's `include_top`). Default true. */
  includeTop?: boolean;
  /**
   * `null` (random initialization, the default here) or a loader called on the built model.
   * `'imagenet'` is refused: Strata downloads nothing; load Keras's weight file with io-h5's `loadWeights`.
   */
  weights?: null | 'imagenet' | WeightsLoader;
  /** A symbolic tensor (output of `Input()` or of layers after it) to use as the image input. */
  inputTensor?: SymbolicTensor;
  /** Shape of one image, channels last, e.g. `[224, 224, 3]`; `null` for a free dimension. */
  inputShape?: Shape;
  /** Pooling when `includeTop` is false. Default null (the 4D feature map is the output). */
  pooling?: Pooling;
  /** Number of classes of the classifier head. Default 1000. */
  classes?: number;
  /** Activation of the classifier's `predictions` layer. Default 'softmax'; null gives logits. */
  classifierActivation?: ActivationIdentifier;
  /** Name of the model; each family has Keras's default. */
  name?: string;
}

/** The options with Keras's defaults filled in. */
export interface ResolvedOptions {
  includeTop: boolean;
  weights: WeightsLoader | null;
  inputTensor: SymbolicTensor | undefined;
  inputShape: Shape | undefined;
  pooling: Pooling;
  classes: number;
  classifierActivation: ActivationIdentifier;
  name: string;
}

/** The input of an application: the tensor its first layer takes, and the model's inputs. */
export interface ApplicationInput {
  options: ResolvedOptions;
  /** The tensor the architecture starts from. */
  image: SymbolicTensor;
  /** Shape of one image as the architecture sees it (Keras's resolved `input_shape`). */
  shape: Shape;
}

/** Input size limits of an architecture (Keras's `default_size` and `min_size`). */
export interface InputSizes {
  defaultSize: number;
  minSize: number;
}

/**
 * Checks the shared options as Keras does and creates the image input: `Input(shape)` unless
 * `inputTensor` is given. `requireFlatten` is Keras's `require_flatten` (usually `includeTop`: a
 * classifier that needs a static shape).
 */
export function applicationInput(
  architecture: string,
  options: ApplicationOptions,
  defaultName: string,
  sizes: InputSizes,
  requireFlatten?: boolean,
): ApplicationInput {
  const resolved = resolveOptions(architecture, options, defaultName);
  const shape = obtainInputShape(architecture, resolved.inputShape, sizes, requireFlatten ?? resolved.includeTop);
  const image = resolved.inputTensor ?? Input({ shape });
  return { options: resolved, image, shape };
}

/** Fills in Keras's defaults and checks `weights`, `pooling` and `classes`. */
export function resolveOptions(architecture: string, options: ApplicationOptions, defaultName: string): ResolvedOptions {
  const weights = options.weights ?? null;
  if (weights === 'imagenet') {
    throw new Error(
      `${architecture} received weights="imagenet", but Strata downloads nothing: build with weights null and load Keras's weight file with \`await loadWeights(model, path)\` from @strata/io-h5.`,
    );
  }
  if (weights !== null && typeof weights !== 'function') {
    throw new Error(
      `${architecture} received weights=${JSON.stringify(weights)}, but expected null or a function that loads weights into the built model.`,
    );
  }
  const pooling = options.pooling ?? null;
  if (pooling !== null && pooling !== 'avg' && pooling !== 'max') {
    throw new Error(`${architecture} received pooling=${JSON.stringify(pooling)}, but expected "avg", "max" or null.`);
  }
  const classes = options.classes ?? 1000;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new Error(`${architecture} received classes=${classes}, but expected a positive integer.`);
  }
  if (options.inputTensor !== undefined && !(options.inputTensor instanceof SymbolicTensor)) {
    throw new Error(
      `${architecture} received an inputTensor that is not a symbolic tensor; expected the output of Input() or of layers applied to it.`,
    );
  }
  const classifierActivation = options.classifierActivation === undefined ? 'softmax' : options.classifierActivation;
  if (weights !== null) validateActivation(architecture, classifierActivation);
  return {
    includeTop: options.includeTop ?? true,
    weights,
    inputTensor: options.inputTensor,
    inputShape: options.inputShape,
    pooling,
    classes,
    classifierActivation,
    name: options.name ?? defaultName,
  };
}

/**
 * Keras's `obtain_input_shape` for channels-last images and random weights: the default shape when none
 * is given (`[size, size, 3]` with a classifier, `[null, null, 3]` without), otherwise checks that the
 * shape has three entries and that height and width are at least `minSize`.
 */
export function obtainInputShape(
  architecture: string,
  inputShape: Shape | undefined,
  sizes: InputSizes,
  requireFlatten: boolean,
): Shape {
  let shape: Shape;
  if (inputShape && inputShape.length > 0) {
    if (inputShape.length !== 3) {
      throw new Error(
        `${architecture} received inputShape=[${inputShape.join(', ')}], but expected three entries (height, width, channels).`,
      );
    }
    const [height, width] = inputShape;
    if ((height !== null && height < sizes.minSize) || (width !== null && width < sizes.minSize)) {
      throw new Error(
        `${architecture} received inputShape=[${inputShape.join(', ')}], but the input size must be at least ${sizes.minSize}x${sizes.minSize}.`,
      );
    }
    shape = [...inputShape];
  } else {
    shape = requireFlatten ? [sizes.defaultSize, sizes.defaultSize, 3] : [null, null, 3];
  }
  if (requireFlatten && shape.includes(null)) {
    throw new Error(
      `${architecture} received inputShape=[${shape.join(', ')}], but with includeTop true the input shape must be static.`,
    );
  }
  return shape;
}

/** Keras's `validate_activation`: with pretrained weights the classifier may only be softmax or linear. */
export function validateActivation(architecture: string, activation: ActivationIdentifier): void {
  const name = activation === null ? 'linear' : serializeActivation(getActivation(activation));
  if (name !== 'softmax' && name !== 'linear') {
    throw new Error(
      `${architecture} received classifierActivation="${name}" with pretrained weights, but only "softmax" or null are allowed then.`,
    );
  }
}

/** Names Keras gives the head's pooling layers; a missing name means Keras's automatic one. */
export interface HeadNames {
  /** The top's global average pooling (most families: `avg_pool`). */
  top?: string;
  /** The `pooling: 'avg'` layer without the top. */
  avg?: string;
  /** The `pooling: 'max'` layer without the top. */
  max?: string;
}

/** The head of ResNet, DenseNet: `avg_pool` with the top, `avg_pool` or `max_pool` without. */
export const NAMED_HEAD: HeadNames = { top: 'avg_pool', avg: 'avg_pool', max: 'max_pool' };

/**
 * The usual head: with `includeTop`, global average pooling then the `predictions` Dense layer; without,
 * the `pooling` option's global pooling.
 */
export function classifierHead(x: SymbolicTensor, options: ResolvedOptions, names: HeadNames = { top: 'avg_pool' }): SymbolicTensor {
  if (!options.includeTop) return poolingHead(x, options.pooling, names);
  const pooled = applyLayer(new GlobalAveragePooling2D({ name: names.top }), x);
  return predictions(pooled, options);
}

/** The `predictions` Dense layer of `classes` units with the classifier activation. */
export function predictions(x: SymbolicTensor, options: ResolvedOptions): SymbolicTensor {
  const dense = new Dense(options.classes, { activation: options.classifierActivation, name: 'predictions' });
  return dense.apply(x) as SymbolicTensor;
}

/** Global pooling of the feature map for `pooling` 'avg' or 'max' with Keras's automatic layer names. */
export function poolingHead(x: SymbolicTensor, pooling: Pooling, names: { avg?: string; max?: string } = {}): SymbolicTensor {
  if (pooling === 'avg') return new GlobalAveragePooling2D({ name: names.avg }).apply(x) as SymbolicTensor;
  if (pooling === 'max') return new GlobalMaxPooling2D({ name: names.max }).apply(x) as SymbolicTensor;
  return x;
}

/**
 * Builds the functional model from the input (or from the source inputs of `inputTensor`, as Keras's
 * `get_source_inputs`) to `outputs`, and runs the weights loader.
 */
export function finishModel(input: ApplicationInput, outputs: SymbolicTensor): Model {
  const { options, image } = input;
  const inputs = options.inputTensor ? sourceInputs(options.inputTensor) : [image];
  const model = new Model({ inputs: inputs.length === 1 ? inputs[0] : inputs, outputs, name: options.name });
  if (options.weights) {
    let result: unknown;
    try {
      result = options.weights(model);
    } catch (error) {
      model.dispose();
      throw error;
    }
    if (result instanceof Promise) {
      model.dispose();
      throw new Error(
        `The weights loader given to ${options.name} returned a Promise, but constructors are synchronous; build with weights null, then \`await loadWeights(model, path)\`.`,
      );
    }
  }
  return model;
}

/** The Input tensors a symbolic tensor was computed from (Keras's `get_source_inputs`), in order. */
export function sourceInputs(tensor: SymbolicTensor): SymbolicTensor[] {
  const found: SymbolicTensor[] = [];
  const seen = new Set<SymbolicTensor>();
  const visit = (t: SymbolicTensor): void => {
    if (seen.has(t)) return;
    seen.add(t);
    const layer = t.operation;
    if (layer === null) return;
    if (layer instanceof InputLayer) {
      if (!found.includes(layer.output)) found.push(layer.output);
      return;
    }
    const node = layer.inboundNodes[t.nodeIndex];
    for (const parent of node?.inputs ?? []) visit(parent);
  };
  visit(tensor);
  return found;
}

/** Applies a layer to symbolic tensors and returns its single symbolic output. */
export function applyLayer(layer: Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  const output = Array.isArray(x) ? layer.apply(x) : layer.apply(x);
  if (Array.isArray(output)) {
    throw new Error(`Layer "${layer.name}" returned ${output.length} outputs, but the application expected one.`);
  }
  return output;
}

/** Keras's `correct_pad`: the zero padding before a strided convolution with `valid` padding. */
export function correctPad(shape: Shape, kernelSize: number): [[number, number], [number, number]] {
  const [height, width] = shape.slice(1, 3);
  const adjust = height === null || height === undefined ? [1, 1] : [1 - (height % 2), 1 - ((width ?? 0) % 2)];
  const half = Math.floor(kernelSize / 2);
  return [
    [half - adjust[0], half],
    [half - adjust[1], half],
  ];
}
