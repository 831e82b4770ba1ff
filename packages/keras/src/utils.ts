export { toCategorical, normalize, loadImg, imgToArray, arrayToImg, saveImg, getFile, imageDatasetFromDirectory } from '@strata/datasets';
export { setRandomSeed, clearSession, isSymbolic as isKerasTensor } from '@strata/layers';
export { Progbar } from '@strata/callbacks';
