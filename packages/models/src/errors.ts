/**
 * Keras's `ValueError`: an argument or an input that a model cannot take
 * (a batch size of 0, a validation split of 1.5, an input of the wrong
 * shape, a label outside the classes). Thrown before anything is computed
 * where the problem can be seen up front, so nothing is left half done.
 */
export class ValueError extends Error {
  override readonly name = 'ValueError';
}
