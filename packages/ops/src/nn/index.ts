// Keras's keras.ops.nn: one line per family file.
export * from './activations';
export * from './piecewise-activations';
export * from './softmax';
export * from './crossentropy';
export * from './encoding';
export * from './normalization';
export * from './normalize';
export * from './conv';
export * from './conv-transpose';
export * from './pooling';
export * from './adaptive-pooling';
export * from './attention';
export * from './rearrange';
export * from './patches';
export * from './ctc-loss';
export * from './ctc-decode';
export * from './polar';
