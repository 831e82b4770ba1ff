// Keras's keras.ops.math: one line per family file.
export {};
