/**
 * Keras's `imagenet_utils`: the input preprocessing each ImageNet model expects, and the decoding of its
 * 1000-class predictions. Which mode each family uses: VGG and ResNet 'caffe'; ResNetV2, MobileNet,
 * MobileNetV2, Xception and InceptionV3 'tf'; DenseNet 'torch'.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Keras's preprocessing modes: 'caffe' (BGR, mean-centred), 'tf' (to [-1, 1]) or 'torch' (to [0, 1], standardized). */
export type PreprocessMode = 'caffe' | 'tf' | 'torch';

const CAFFE_MEAN = [103.939, 116.779, 123.68];
const TORCH_MEAN = [0.485, 0.456, 0.406];
const TORCH_STD = [0.229, 0.224, 0.225];

/**
 * Keras's `imagenet_utils.preprocess_input` for channels-last images with pixel values in [0, 255]:
 * returns a new float32 tensor of the same shape; the input is left alone.
 */
export function preprocessInput(x: tf.Tensor, mode: PreprocessMode): tf.Tensor {
  if (mode !== 'caffe' && mode !== 'tf' && mode !== 'torch') {
    throw new Error(`preprocessInput received mode=${JSON.stringify(mode)}, but expected "caffe", "tf" or "torch".`);
  }
  if (x.rank < 1 || x.shape[x.rank - 1] !== 3) {
    throw new Error(`preprocessInput received a tensor of shape [${x.shape.join(', ')}], but expected channels-last images with 3 channels.`);
  }
  if (mode === 'tf') return preprocessTfMode(x);
  return tf.tidy(() => {
    const images = tf.cast(x, 'float32');
    if (mode === 'torch') return tf.div(tf.sub(tf.div(images, 255), tf.tensor1d(TORCH_MEAN)), tf.tensor1d(TORCH_STD));
    return tf.sub(tf.reverse(images, -1), tf.tensor1d(CAFFE_MEAN));
  });
}

/** The 'tf' mode alone, for any shape (NASNet and InceptionResNetV2's own `preprocess_input`): [0, 255] to [-1, 1]. */
export function preprocessTfMode(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.div(tf.cast(x, 'float32'), 127.5), 1));
}

/** One decoded prediction: the WordNet id, the class name and the score, as Keras's tuples. */
export type DecodedPrediction = [wnid: string, className: string, score: number];

/**
 * Keras's `decode_predictions`: the `top` classes of each row of a `[batch, 1000]` prediction, best first.
 * Strata downloads nothing, so pass the contents of Keras's `imagenet_class_index.json`
 * (`{"0": ["n01440764", "tench"], ...}`), read by the caller.
 */
export async function decodePredictions(
  predictions: tf.Tensor,
  classIndex: Record<string, [string, string]>,
  top = 5,
): Promise<DecodedPrediction[][]> {
  if (predictions.rank !== 2 || predictions.shape[1] !== 1000) {
    throw new Error(
      `decodePredictions expects a batch of predictions of shape [samples, 1000], but received shape [${predictions.shape.join(', ')}].`,
    );
  }
  const rows = (await predictions.array()) as number[][];
  return rows.map((row) =>
    row
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score)
      .slice(0, top)
      .map(({ score, i }) => {
        const entry = classIndex[String(i)];
        if (!entry) throw new Error(`decodePredictions found no entry for class ${i} in the class index.`);
        return [entry[0], entry[1], score] as DecodedPrediction;
      }),
  );
}
