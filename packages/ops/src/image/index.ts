// Keras's keras.ops.image: one line per family file.
export {};
