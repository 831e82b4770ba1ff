/** Keras's `keras.optimizers.schedules`, with its `serialize`/`deserialize`. */
export {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  LearningRateSchedule,
  PiecewiseConstantDecay,
  PolynomialDecay,
  deserializeLearningRateSchedule as deserialize,
  serializeLearningRateSchedule as serialize,
} from '@strata/optimizers';
