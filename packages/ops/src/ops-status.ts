/**
 * What docs/OPS.md says of the Keras ops that have no golden cases: the ones tested by ordinary tests instead
 * (their arguments are functions, or their results are not plain arrays), and the ones Strata does not implement,
 * with the reason. Every other Keras op must have golden cases written by real Keras (src/ops-table.test.ts checks it).
 */

/** Keras op name → the test file that checks it against numbers recorded from real Keras. */
export const TESTED_WITHOUT_GOLDEN: Readonly<Record<string, string>> = {
  // Control flow takes JavaScript functions: golden/core_control_flow.json holds what Keras computed for the same functions.
  associative_scan: 'src/core-ops/control-flow.test.ts',
  cond: 'src/core-ops/control-flow.test.ts',
  custom_gradient: 'src/core-ops/control-flow.test.ts',
  fori_loop: 'src/core-ops/control-flow.test.ts',
  map: 'src/core-ops/control-flow.test.ts',
  scan: 'src/core-ops/control-flow.test.ts',
  switch: 'src/core-ops/control-flow.test.ts',
  vectorized_map: 'src/core-ops/control-flow.test.ts',
  while_loop: 'src/core-ops/control-flow.test.ts',
  // Returns plain JavaScript arrays, not tensors.
  convert_to_numpy: 'src/core-ops/conversion.test.ts',
  // Vectors are unique only up to sign (and eig's order differs from torch's): checked by reconstruction.
  eig: 'src/linalg/linalg-vectors.test.ts',
  eigh: 'src/linalg/linalg-vectors.test.ts',
  jvp: 'src/linalg/linalg-vectors.test.ts',
  // Uninitialized memory in Keras: golden/numpy_arrays_empty.json records the shape and dtype Keras gives, checked there.
  empty: 'src/numpy/arrays-make.golden.test.ts',
  empty_like: 'src/numpy/arrays-make.golden.test.ts',
  // Keras on torch raises for real inputs; Strata returns zeros as NumPy and Keras's jax backend do.
  imag: 'src/numpy/complex-parts.test.ts',
  // Random, and Keras's torch backend ignores the seed: checked by its properties.
  elastic_transform: 'src/image/image.test.ts',
};

/** Keras op name → why Strata does not implement it (the op, where it exists, refuses with an error saying so). */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {};
