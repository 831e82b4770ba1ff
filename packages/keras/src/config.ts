/**
 * Keras's `keras.config`, the settings Strata has: float32, an epsilon of
 * 1e-7, channels_last, and the tfjs-core backend computing now. Keras's
 * setters have no counterpart (see docs/API-COVERAGE.md).
 */
export { backend, epsilon, floatx, imageDataFormat } from '@strata/backend';
