/**
 * The Keras name of each loss function Strata exports, so that
 * `compile({ loss: sparseCategoricalCrossentropy })` logs and saves
 * `sparse_categorical_crossentropy`, as Keras does for
 * `loss=keras.losses.sparse_categorical_crossentropy` (Keras names a function
 * loss after its Python `__name__`; ours are camelCase, Keras's are not).
 */
import { binaryCrossentropy, binaryFocalCrossentropy } from './binary';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './categorical';
import { categoricalFocalCrossentropy } from './categorical-focal';
import { circle } from './circle';
import { categoricalHinge, hinge, squaredHinge } from './hinge';
import { dice, tversky } from './overlap';
import { klDivergence, poisson } from './probabilistic';
import {
  cosineSimilarity,
  huber,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression';

const NAMES = new Map<unknown, string>([
  [binaryCrossentropy, 'binary_crossentropy'],
  [binaryFocalCrossentropy, 'binary_focal_crossentropy'],
  [categoricalCrossentropy, 'categorical_crossentropy'],
  [sparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
  [categoricalFocalCrossentropy, 'categorical_focal_crossentropy'],
  [circle, 'circle'],
  [hinge, 'hinge'],
  [squaredHinge, 'squared_hinge'],
  [categoricalHinge, 'categorical_hinge'],
  [dice, 'dice'],
  [tversky, 'tversky'],
  [klDivergence, 'kl_divergence'],
  [poisson, 'poisson'],
  [cosineSimilarity, 'cosine_similarity'],
  [huber, 'huber'],
  [logCosh, 'log_cosh'],
  [meanAbsoluteError, 'mean_absolute_error'],
  [meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  [meanSquaredError, 'mean_squared_error'],
  [meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
]);

/** The Keras name of one of Strata's loss functions, or undefined for any other function. */
export function lossFunctionName(fn: unknown): string | undefined {
  return NAMES.get(fn);
}
