// Keras's keras.ops.math: one line per family file.
export * from './complex';
export * from './fft';
export * from './reductions';
export * from './segment';
export * from './special';
export * from './stft';
export * from './top-k';
