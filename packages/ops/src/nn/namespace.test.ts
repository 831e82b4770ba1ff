// Every op of keras.ops.nn and keras.ops.math exists where Keras exports it, under Keras's name in camelCase,
// and records the Keras module its class lives in (what a saved functional model names).
import { describe, expect, it } from 'vitest';
import { opSpecOf } from '../core/define-op';
import * as ops from '../index';
import { camelCase } from '../test-support/golden';

// keras/api/ops/nn/__init__.py of Keras 3.15.1.
const NN_OPS = [
  'adaptive_average_pool', 'adaptive_max_pool', 'average_pool', 'batch_normalization', 'binary_crossentropy',
  'categorical_crossentropy', 'celu', 'conv', 'conv_transpose', 'ctc_decode', 'ctc_loss', 'depth_to_space',
  'depthwise_conv', 'dot_product_attention', 'elu', 'fold', 'gelu', 'glu', 'hard_shrink', 'hard_sigmoid', 'hard_silu',
  'hard_swish', 'hard_tanh', 'layer_normalization', 'leaky_relu', 'log_sigmoid', 'log_softmax', 'max_pool', 'moments',
  'multi_hot', 'normalize', 'one_hot', 'polar', 'psnr', 'relu', 'relu6', 'rms_normalization', 'selu', 'separable_conv',
  'sigmoid', 'silu', 'swish', 'soft_shrink', 'softmax', 'softplus', 'softsign', 'space_to_depth',
  'sparse_categorical_crossentropy', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', 'squareplus', 'tanh_shrink',
  'threshold', 'unfold',
];
// The keras.ops names that keras/api/ops/__init__.py imports from keras.src.ops.math.
const MATH_OPS = [
  'cdist', 'erf', 'erfc', 'erfinv', 'extract_sequences', 'fft', 'fft2', 'ifft2', 'in_top_k', 'irfft', 'istft', 'logdet',
  'logsumexp', 'rfft', 'rsqrt', 'segment_max', 'segment_min', 'segment_prod', 'segment_sum', 'stft', 'top_k',
  'view_as_complex', 'view_as_real',
];
// Keras's aliases: the function they name is another op's.
const ALIASES: Record<string, string> = { swish: 'silu', hard_swish: 'hard_silu' };

const flat = ops as unknown as Record<string, unknown>;
const nn = ops.nn as unknown as Record<string, unknown>;

describe('keras.ops.nn and keras.ops.math namespaces', () => {
  it('lists the 55 nn ops and 23 math ops Keras exports', () => {
    expect(new Set(NN_OPS).size).toBe(55);
    expect(new Set(MATH_OPS).size).toBe(23);
  });

  it.each(NN_OPS)('nn op %s is in ops.nn and flat in ops, as the same function, with module "nn"', (name) => {
    const op = nn[camelCase(name)];
    expect(typeof op, `ops.nn.${camelCase(name)}`).toBe('function');
    expect(flat[camelCase(name)]).toBe(op);
    expect(opSpecOf(op)).toEqual({ name: ALIASES[name] ?? name, module: 'nn' });
  });

  it.each(MATH_OPS)('math op %s is flat in ops with module "math", and not in ops.nn', (name) => {
    const op = flat[camelCase(name)];
    expect(typeof op, `ops.${camelCase(name)}`).toBe('function');
    expect(opSpecOf(op)).toEqual({ name, module: 'math' });
    expect(nn[camelCase(name)]).toBeUndefined();
  });
});
