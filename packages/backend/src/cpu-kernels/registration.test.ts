import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { STRATA_CONV2D, STRATA_CONV2D_BACKPROP_FILTER, STRATA_CONV2D_BACKPROP_INPUT, STRATA_MAT_MUL } from '../index';
import { STRATA_RELU_BIAS_GRAD } from '../kernel-names';
import { useBackend } from '../use-backend';

describe("useBackend('cpu') and Strata's cpu kernels", () => {
  test('registers the five Strata-named kernels for cpu only, keeps tfjs kernels, and reports them', async () => {
    const names = [STRATA_CONV2D, STRATA_CONV2D_BACKPROP_FILTER, STRATA_CONV2D_BACKPROP_INPUT, STRATA_MAT_MUL, STRATA_RELU_BIAS_GRAD];
    expect(names).toEqual(['StrataConv2D', 'StrataConv2DBackpropFilter', 'StrataConv2DBackpropInput', 'StrataMatMul', 'StrataReluBiasGrad']);
    expect(names.map((name) => tf.getKernel(name, 'cpu'))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const info = await useBackend('cpu');
    expect(info.strataKernels).toEqual(names);
    for (const name of names) {
      expect(tf.getKernel(name, 'cpu')).toBeDefined();
      expect(tf.getKernel(name, 'wasm')).toBeUndefined();
    }
    // tfjs's own kernels stay what tfjs-backend-cpu registered (tfjs-layers keeps running them).
    for (const name of ['Conv2D', 'FusedConv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul', '_FusedMatMul']) {
      expect(tf.getKernel(name, 'cpu')?.kernelFunc.name).not.toMatch(/^strata/);
    }
    // A second start registers nothing twice.
    expect((await useBackend('cpu')).strataKernels).toEqual(names);
  });

  test("replaces another kernel registered under a Strata name (layers' FusedConv2D fallback)", async () => {
    const strataKernel = tf.getKernel(STRATA_CONV2D, 'cpu');
    tf.unregisterKernel(STRATA_CONV2D, 'cpu');
    const fallback: tf.KernelFunc = () => {
      throw new Error('the fallback ran');
    };
    tf.registerKernel({ kernelName: STRATA_CONV2D, backendName: 'cpu', kernelFunc: fallback });
    await useBackend('cpu');
    expect(tf.getKernel(STRATA_CONV2D, 'cpu')?.kernelFunc).toBe(strataKernel?.kernelFunc);
  });
});
