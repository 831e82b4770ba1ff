// Keras's keras.ops core family (cond, scan, convert_to_tensor...): one line per file.
export * from './control-flow';
export * from './scan';
export * from './conversion';
export * from './gradients';
export * from './slicing';
export * from './einops';
