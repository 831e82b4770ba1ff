/** Keras's `keras.regularizers`: the classes, Keras's lowercase aliases (`l1l2` is `L1L2`), and `get`/`serialize`/`deserialize`. */
export {
  L1,
  L1 as l1,
  L1L2,
  L1L2 as l1L2,
  L2,
  L2 as l2,
  OrthogonalRegularizer,
  OrthogonalRegularizer as orthogonalRegularizer,
  Regularizer,
  getRegularizer as get,
  getRegularizer as deserialize,
  serializeRegularizer as serialize,
} from '@strata/layers';
import type { L1L2Args as BaseL1L2Args, OrthogonalRegularizerArgs as BaseOrthogonalRegularizerArgs, RegularizerIdentifier as BaseRegularizerIdentifier } from '@strata/layers';
export type L1L2Args = BaseL1L2Args;
export type OrthogonalRegularizerArgs = BaseOrthogonalRegularizerArgs;
export type RegularizerIdentifier = BaseRegularizerIdentifier;
