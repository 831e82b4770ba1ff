import * as tf from '@tensorflow/tfjs-core';

/**
 * Kernels whose outputs are booleans or integers with no derivative (TensorFlow's `NotDifferentiable` list) and
 * that tfjs-core registers no gradient for. A mask computed from a trained tensor, as in
 * `where(greater(x, 0), x, 0)`, lies on the path from that tensor to the loss, and tfjs refuses to differentiate
 * through a kernel without a gradient ("gradient function not found for Greater"). Their gradient is zero.
 */
const NON_DIFFERENTIABLE: Array<{ kernelName: string; inputs: string[] }> = [
  { kernelName: 'Equal', inputs: ['a', 'b'] },
  { kernelName: 'NotEqual', inputs: ['a', 'b'] },
  { kernelName: 'Greater', inputs: ['a', 'b'] },
  { kernelName: 'Less', inputs: ['a', 'b'] },
  { kernelName: 'LessEqual', inputs: ['a', 'b'] },
  { kernelName: 'LogicalAnd', inputs: ['a', 'b'] },
  { kernelName: 'LogicalOr', inputs: ['a', 'b'] },
  { kernelName: 'LogicalXor', inputs: ['a', 'b'] },
  { kernelName: 'LogicalNot', inputs: ['x'] },
  { kernelName: 'Any', inputs: ['x'] },
  { kernelName: 'All', inputs: ['x'] },
  { kernelName: 'BitwiseAnd', inputs: ['a', 'b'] },
];

/** Registers a zero gradient for each kernel above that has none yet (never replacing one tfjs or an app registered). */
export function registerNonDifferentiableGradients(): void {
  for (const { kernelName, inputs } of NON_DIFFERENTIABLE) {
    if (tf.getGradient(kernelName) !== undefined) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: inputs,
      gradFunc: (_dy, saved) =>
        Object.fromEntries(inputs.map((name, i) => [name, () => tf.zeros((saved as tf.Tensor[])[i].shape, 'float32')])),
    });
  }
}
