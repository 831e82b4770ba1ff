import type { Tensors } from '@strata/layers';
import type * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import { Model } from '../model';
import { Sequential } from '../sequential';

/** The key of a model's own output among the extracted features, as Keras names it. */
export const FINAL_OUTPUT = 'final_output';

/**
 * Keras's Distiller feature extractor: one forward pass of a model that
 * returns its final output and the outputs of the named layers. For a
 * functional model that is a functional model over the same graph (Keras's
 * `{model.name}_multi_feature_extractor`); a Sequential model runs its layers
 * in order and keeps the named ones' outputs, which is the same computation.
 */
export class FeatureExtractor {
  private readonly functional: Model | null = null;

  constructor(
    private readonly model: Model,
    private readonly layerNames: string[],
  ) {
    if (model.inputSpecs() === null) {
      throw new ValueError(`Cannot create feature extractor for ${model.name}. The model has no symbolic inputs attribute.`);
    }
    for (const name of layerNames) model.getLayer(name);
    if (!(model instanceof Sequential)) {
      const layerOutputs = layerNames.map((name) => {
        const node = model.getLayer(name).inboundNodes[0];
        if (node?.outputs.length !== 1) {
          throw new ValueError(`Layer "${name}" of model "${model.name}" must have been called once, with one output, to extract its features.`);
        }
        return node.outputs[0];
      });
      this.functional = new Model({
        inputs: model.isSingleInput ? model.inputs[0] : model.inputs,
        outputs: [...model.outputs, ...layerOutputs],
        name: `${model.name}_multi_feature_extractor`,
      });
    }
  }

  /** The final output under `final_output` and each named layer's output under its name. */
  extract(x: Tensors, training: boolean): Map<string, Tensors> {
    const features = new Map<string, Tensors>();
    if (this.functional) {
      const outputs = this.functional.apply(x, { training }) as tf.Tensor[];
      const finalCount = this.model.outputs.length;
      features.set(FINAL_OUTPUT, this.model.isSingleOutput ? outputs[0] : outputs.slice(0, finalCount));
      this.layerNames.forEach((name, i) => features.set(name, outputs[finalCount + i]));
      return features;
    }
    // Sequential: its own call (one pass over its layers), keeping the named layers' outputs on the way.
    let output = x as tf.Tensor;
    let mask: tf.Tensor | null = null;
    for (const layer of this.model.layers) {
      const next = layer.apply(output, { training, mask }) as tf.Tensor;
      mask = layer.computeMask(output, mask) as tf.Tensor | null;
      output = next;
      if (this.layerNames.includes(layer.name)) features.set(layer.name, output);
    }
    features.set(FINAL_OUTPUT, output);
    return features;
  }
}
