// Keras's keras.ops.linalg: one line per family file.
export {};
