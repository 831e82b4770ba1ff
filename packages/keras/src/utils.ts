export { toCategorical, normalize, loadImg, imgToArray, arrayToImg, saveImg, getFile } from '@strata/datasets';
export { setRandomSeed } from '@strata/layers';
