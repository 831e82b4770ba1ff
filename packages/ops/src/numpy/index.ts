// Keras's keras.ops.numpy: one line per family file.
export { add } from './arithmetic';
export { sum } from './reductions';
