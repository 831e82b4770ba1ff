/**
 * Keras's `keras.config`, the settings Strata has: float32, an epsilon of
 * 1e-7, channels_last, the tfjs-core backend computing now, and the debugging
 * caps on training (`setMaxEpochs`, `setMaxStepsPerEpoch`), and the interactive
 * logging switch. Keras's other
 * setters have no counterpart (see docs/API-COVERAGE.md).
 */
export { backend, epsilon, floatx, imageDataFormat } from '@strata/backend';
export { maxEpochs, maxStepsPerEpoch, setMaxEpochs, setMaxStepsPerEpoch } from '@strata/models';
export { disableInteractiveLogging, enableInteractiveLogging, isInteractiveLoggingEnabled } from '@strata/callbacks';
