/** Keras's `keras.preprocessing`: the data set makers and the `image` helpers, which live in @strata/datasets. */
export { imageDatasetFromDirectory } from '@strata/datasets';
export * as image from './preprocessing-image';
