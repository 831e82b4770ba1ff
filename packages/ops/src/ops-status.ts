/**
 * What docs/OPS.md says of the Keras ops that have no golden cases: the ones tested by ordinary tests instead
 * (their arguments are functions, or their results are not plain arrays), and the ones Strata does not implement,
 * with the reason. Every other Keras op must have golden cases written by real Keras (src/ops-table.test.ts checks it).
 */

/** Keras op name → the test file that checks it against numbers recorded from real Keras. */
export const TESTED_WITHOUT_GOLDEN: Readonly<Record<string, string>> = {};

/** Keras op name → why Strata does not implement it (the op, where it exists, refuses with an error saying so). */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {};
