/**
 * `fusedOptimizerUpdate`: one kernel per variable per optimizer step (docs/decisions/0004): Strata's own
 * kernel names, so that tfjs-layers, which shares the engine, does not run them.
 * On cpu and wasm the kernel loops in JS over the backend's own memory (cpu:
 * the tensors' typed arrays; wasm: views of its heap) and updates the slots in
 * place; the variable too on cpu (no outputs), while on wasm the new value of
 * the variable is the kernel's one output. Optimizers call the op with their
 * rule's name; the op picks the kernel, or returns false for the op chain.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, type HostBackend, outputsOnHeap, wasmMemoryOf } from '../host-backend';
import { type AdamScalars, adamLoop, adamLoopFloat32, type RmspropScalars, rmspropLoop, rmspropLoopFloat32, type SgdScalars, sgdLoop } from '../host-kernels/update-loops';
import { STRATA_ADAM_UPDATE, STRATA_RMSPROP_UPDATE, STRATA_SGD_UPDATE } from '../kernel-names';
import { type SimdUpdates, simdUpdatesFor } from '../wasm-kernels/simd-updates';

export type { AdamScalars, RmspropScalars, SgdScalars };

/** The update rules that have a fused kernel. */
export type FusedUpdateRule = 'adam' | 'rmsprop' | 'sgd';

const kernelOfRule: Readonly<Record<FusedUpdateRule, string>> = {
  adam: STRATA_ADAM_UPDATE,
  rmsprop: STRATA_RMSPROP_UPDATE,
  sgd: STRATA_SGD_UPDATE,
};

/** The scalars each rule's kernel takes (update-loops.ts). */
export interface FusedUpdateScalars {
  adam: AdamScalars;
  rmsprop: RmspropScalars;
  sgd: SgdScalars;
}

let enabled = true;

/**
 * Turns the fused updates off (every optimizer then runs its op chain) or back
 * on: for tests that compare the kernels with the op chain on one backend.
 */
export function setFusedOptimizerUpdatesEnabled(value: boolean): void {
  enabled = value;
}

/**
 * The SIMD updates (simd-updates.ts) when every view lies on the wasm backend's
 * heap and SIMD is available; null otherwise (cpu, or the JS loops).
 */
function simdOnHeap(backend: HostBackend, views: Float32Array[]): SimdUpdates | null {
  if (!outputsOnHeap(backend)) return null;
  const memory = wasmMemoryOf(backend);
  if (memory === null) return null;
  const heap = memory.buffer;
  for (const view of views) if (view.buffer !== heap) return null;
  return simdUpdatesFor(memory);
}

const f = Math.fround;

/** A float32 view of a tensor's memory on a cpu or wasm backend, written in place. */
function float32Of(backend: HostBackend, info: tf.TensorInfo | undefined): Float32Array | null {
  if (info === undefined) return null;
  if (backend.typedArrayFromHeap) return backend.typedArrayFromHeap(info) as Float32Array;
  const values = backend.data?.get(info.dataId).values;
  if (!(values instanceof Float32Array)) {
    throw new Error(`A fused optimizer update received a tensor of dtype ${info.dtype} whose data is not a Float32Array.`);
  }
  return values;
}

type Inputs = Record<string, tf.TensorInfo | undefined>;

/**
 * `updated` receives the variable's new value: the variable itself on cpu, a new
 * tensor on wasm. Views are taken together, after which nothing allocates: wasm
 * memory growth would detach them.
 */
type Loop = (backend: HostBackend, inputs: Inputs, updated: tf.TensorInfo, attrs: Record<string, unknown>) => void;

const loops: Record<string, Loop> = {
  [STRATA_ADAM_UPDATE]: (backend, inputs, updated, attrs) => {
    const scalars = attrs as unknown as AdamScalars;
    const w = float32Of(backend, inputs.variable)!;
    const out = float32Of(backend, updated)!;
    const g = float32Of(backend, inputs.gradient)!;
    const m = float32Of(backend, inputs.momentum)!;
    const v = float32Of(backend, inputs.velocity)!;
    const vHat = float32Of(backend, inputs.velocityHat);
    const simd = vHat === null ? simdOnHeap(backend, [w, out, g, m, v]) : null;
    if (simd === null) {
      adamLoop(w, out, g, m, v, vHat, scalars);
      return;
    }
    // Quads in SIMD, the last one to three elements in JS with the same float32 arithmetic.
    const quads = w.length - (w.length % 4);
    simd.adam(w.byteOffset, out.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, quads * 4, f(scalars.alpha), f(scalars.oneMinusBeta1), f(scalars.oneMinusBeta2), f(scalars.epsilon));
    if (quads < w.length) adamLoopFloat32(w.subarray(quads), out.subarray(quads), g.subarray(quads), m.subarray(quads), v.subarray(quads), scalars);
  },
  [STRATA_RMSPROP_UPDATE]: (backend, inputs, updated, attrs) => {
    const scalars = attrs as unknown as RmspropScalars;
    const w = float32Of(backend, inputs.variable)!;
    const out = float32Of(backend, updated)!;
    const g = float32Of(backend, inputs.gradient)!;
    const v = float32Of(backend, inputs.velocity)!;
    const a = float32Of(backend, inputs.averageGradient);
    const m = float32Of(backend, inputs.momentum);
    const simd = a === null && m === null ? simdOnHeap(backend, [w, out, g, v]) : null;
    if (simd === null) {
      rmspropLoop(w, out, g, v, a, m, scalars);
      return;
    }
    const quads = w.length - (w.length % 4);
    simd.rmsprop(w.byteOffset, out.byteOffset, g.byteOffset, v.byteOffset, quads * 4, f(scalars.learningRate), f(scalars.rho), f(scalars.oneMinusRho), f(scalars.epsilon));
    if (quads < w.length) rmspropLoopFloat32(w.subarray(quads), out.subarray(quads), g.subarray(quads), v.subarray(quads), scalars);
  },
  [STRATA_SGD_UPDATE]: (backend, inputs, updated, attrs) => {
    sgdLoop(
      float32Of(backend, inputs.variable)!,
      float32Of(backend, updated)!,
      float32Of(backend, inputs.gradient)!,
      float32Of(backend, inputs.momentum),
      attrs as unknown as SgdScalars,
    );
  },
};

function ensureKernel(kernelName: string, backendName: string): void {
  if (tf.getKernel(kernelName, backendName) !== undefined) return;
  const loop = loops[kernelName];
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const host = asHostBackend(backend);
      const variable = inputs.variable as tf.TensorInfo;
      if (!outputsOnHeap(host)) {
        loop(host, inputs as Inputs, variable, attrs as Record<string, unknown>);
        return [];
      }
      // wasm: XNNPACK caches a matMul's packed right operand by tensor id, so a
      // weight written in place would be multiplied with its old value. The
      // variable gets new memory (the slots, never such operands, are updated in place).
      const updated = host.makeOutput!(variable.shape, 'float32');
      loop(host, inputs as Inputs, updated, attrs as Record<string, unknown>);
      return [updated];
    },
  });
}

/**
 * Memories the fused kernels may write in place: copies made by `ownMemory`.
 * Anything else may be aliased: the cpu backend keeps the very Float32Array
 * a tensor was created from, so a variable assigned from `tf.tensor(array)`
 * writes into the caller's array.
 */
const ownedMemory = new WeakSet<object>();

/** Whether `variable` may be written in place, copying its memory once (per assignment from outside) to make it so. */
function ownMemory(backend: tf.KernelBackend, variable: tf.Variable): boolean {
  if (backend.refCount(variable.dataId) !== 1) return false;
  if (ownedMemory.has(variable.dataId)) return true;
  const copy = tf.mul(variable, 1);
  variable.assign(copy);
  copy.dispose();
  ownedMemory.add(variable.dataId);
  return backend.refCount(variable.dataId) === 1;
}

/**
 * The optimizer update `rule` of one variable as one kernel, when the active
 * backend has one (cpu, wasm) and the variables written in place own their
 * memory alone (a variable assigned from a tensor that is still alive shares
 * it); returns false otherwise, and the caller runs its op chain. `written`
 * are the variable (`variable`) and its slots, updated in place, by the names
 * the rule's loop reads (update-loops.ts).
 */
export function fusedOptimizerUpdate<R extends FusedUpdateRule>(
  rule: R,
  gradient: tf.Tensor,
  written: Record<string, tf.Variable | undefined>,
  scalars: FusedUpdateScalars[R],
): boolean {
  if (!enabled || !activeBackendIsHost() || gradient.dtype !== 'float32') return false;
  const backend = tf.backend();
  const inputs: tf.NamedTensorMap = { gradient };
  for (const [name, variable] of Object.entries(written)) {
    if (variable === undefined) continue;
    if (variable.dtype !== 'float32' || !tf.util.arraysEqual(variable.shape, gradient.shape)) return false;
    inputs[name] = variable;
  }
  // wasm gives the variable new memory (see ensureKernel); cpu writes it in place.
  const newMemoryForVariable = outputsOnHeap(asHostBackend(backend));
  for (const [name, variable] of Object.entries(inputs)) {
    if (name === 'gradient' || (name === 'variable' && newMemoryForVariable)) continue;
    if (!ownMemory(backend, variable as tf.Variable)) return false;
  }
  const kernelName = kernelOfRule[rule];
  ensureKernel(kernelName, tf.getBackend());
  const outputs = tf.engine().runKernel(kernelName, inputs, scalars as unknown as tf.NamedAttrMap) as tf.Tensor[];
  if (outputs.length > 0) {
    (written.variable as tf.Variable).assign(outputs[0]);
    outputs[0].dispose();
  }
  return true;
}
