export { toCategorical, normalize, loadImg, imgToArray, getFile } from '@strata/datasets';
export { setRandomSeed } from '@strata/layers';
