/**
 * `@strata/ops/ctc`: the CTC loss op alone, for @strata/losses's CTC. Importing
 * it from the main entry would bring every op into an app's bundle (the
 * namespace objects there are built at the top level).
 */
export { ctcLoss } from './nn/ctc-loss';
