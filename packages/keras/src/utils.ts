export { toCategorical, normalize, loadImg, imgToArray, arrayToImg, saveImg, getFile } from '@strata/datasets';
export { setRandomSeed } from '@strata/layers';
// Keras exports the object registration under keras.utils too.
export {
  CustomObjectScope,
  customObjectScope,
  getCustomObjects,
  getRegisteredName,
  getRegisteredObject,
  registerKerasSerializable,
} from '@strata/layers';
