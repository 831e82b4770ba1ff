/**
 * Keras's `keras.backend`: @strata/backend (useBackend and the kernels) and
 * Keras's backend utilities as Strata has them: the fixed float32 /
 * channels_last settings, the default-name counters and the dtype helpers.
 */
export * from '@strata/backend';
export { clearSession, getUid, isSymbolic as isKerasTensor } from '@strata/layers';
export { isFloatDtype, isIntDtype, resultType, standardizeDtype } from '@strata/ops';
