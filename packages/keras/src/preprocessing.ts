/** Keras's `keras.preprocessing`: the data set makers and the `image` helpers, which live in @strata/datasets. */
export { imageDatasetFromDirectory, textDatasetFromDirectory, timeseriesDatasetFromArray } from '@strata/datasets';
export * as image from './preprocessing-image';
export * as sequence from './preprocessing-sequence';
