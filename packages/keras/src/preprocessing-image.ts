/** Keras's `keras.preprocessing.image`: image files to and from arrays (@strata/datasets). */
export { arrayToImg, imgToArray, loadImg, saveImg } from '@strata/datasets';
