// Keras's keras.ops.nn: one line per family file.
export {};
