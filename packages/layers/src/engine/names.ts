// Default names are shared by layers and ops (Keras's auto_name): `add` the layer and `add` the op count together.
export { clearSession, getUid, toSnakeCaseName, uniqueName } from '@strata/ops/graph';
