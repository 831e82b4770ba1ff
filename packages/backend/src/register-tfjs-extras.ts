/**
 * The chunk that `ensureGradients` loads: tfjs-core's gradient functions and
 * chained tensor methods, which register themselves when evaluated, and zero gradients for the comparison and
 * logical kernels tfjs leaves without one (`non-differentiable-gradients.ts`). Bundled
 * into this package because plain Node cannot import tfjs-core's files
 * (docs/BACKENDS.md). It exports a value that its importer reads, so bundlers keep
 * the chunk whole even though the package declares `"sideEffects": false`
 * (a module that exports nothing used may be dropped under that flag).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { registerNonDifferentiableGradients } from './non-differentiable-gradients';

registerNonDifferentiableGradients();

export const tfjsExtrasRegistered = true;
