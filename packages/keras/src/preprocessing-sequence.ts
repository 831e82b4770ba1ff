/** Keras's `keras.preprocessing.sequence`: `padSequences` (@strata/datasets), also in `utils`. */
export { padSequences } from '@strata/datasets';
