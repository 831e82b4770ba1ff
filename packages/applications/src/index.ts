/**
 * Keras's `keras.applications`: each architecture as a function that builds the functional model Keras builds,
 * with Keras's arguments (`includeTop`, `weights`, `inputShape`, `pooling`, `classes`, `classifierActivation`...).
 * One family per file; this index has one line per family.
 */
export {};
