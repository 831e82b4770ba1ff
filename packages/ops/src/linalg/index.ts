// Keras's keras.ops.linalg: one line per family file.
export * from './factorizations';
export * from './solve';
export * from './qr';
export * from './spectral';
export * from './norm';
export * from './jvp';
export * from './eig';
