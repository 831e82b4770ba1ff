/** Keras's `keras.preprocessing.image`: image files to and from arrays (@strata/datasets). */
export { arrayToImg, imgToArray, loadImg, saveImg } from '@strata/datasets';
// smart_resize is an image op of @strata/layers' preprocessing.
export { smartResize } from '@strata/layers';
