// Keras's keras.ops core family (cond, scan, convert_to_tensor...): one line per file.
export {};
