/** Keras's `keras.losses`: @strata/losses, with Keras's `get`/`serialize`/`deserialize`. */
export * from '@strata/losses';
export { deserializeLoss as deserialize, getLoss as get, serializeLoss as serialize } from '@strata/losses';
