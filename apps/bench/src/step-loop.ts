/**
 * A workload's Strata training step in a steady-state loop, for before/after
 * comparisons of one change on one machine (the bench's rounds are short and
 * interleaved with tfjs-layers). Trains the workload's model with `fit` on
 * random data of its shapes: first the kernels one step runs (names and counts,
 * from `tf.profile` of a 10-step fit: deterministic, unlike times), then
 * `--fits` fits of `--steps` steps each, printing ms a step for each.
 *
 *   node apps/bench/dist/step-loop.js W2 --threads 2 --steps 60 --fits 5
 *
 * Run each side of a comparison in alternating processes and compare the
 * smallest and the median step over all of them: the shared cores of a cloud
 * machine vary by ±20 % from one fit to the next.
 */
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { type WorkloadName, workloadNames, workloads } from './workloads';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer; got '${process.argv[index + 1]}'.`);
  return value;
}

async function main(): Promise<void> {
  const name = process.argv[2] as WorkloadName;
  if (!workloadNames.includes(name)) {
    throw new Error(`Usage: node apps/bench/dist/step-loop.js <${workloadNames.join('|')}> [--threads N] [--steps N] [--fits N]`);
  }
  const workload = workloads[name];
  const threads = option('threads', 1);
  const steps = option('steps', name === 'W1' ? 300 : 60);
  const fits = option('fits', 5);
  await useBackend('wasm', { threads });
  const model = workload.strata();
  const batch = workload.batchSize;
  const x = tf.randomUniform([batch * steps, ...workload.sampleShape], 0, 1, 'float32', 1);
  const ids = tf.randomUniform([batch * steps], 0, 10, 'int32', 2);
  const y = workload.oneHotLabels ? tf.oneHot(ids, 10) : tf.cast(ids, 'float32');
  const fitSteps = async (count: number) => {
    const [xs, ys] = [tf.slice(x, 0, batch * count), tf.slice(y, 0, batch * count)];
    await model.fit(xs, ys, { epochs: 1, batchSize: batch, verbose: 0 });
    tf.dispose([xs, ys]);
  };
  await fitSteps(Math.min(steps, 20));
  const profile = await tf.profile(() => fitSteps(10) as unknown as tf.TensorContainer);
  const counts = new Map<string, number>();
  for (const kernel of profile.kernels) counts.set(kernel.name, (counts.get(kernel.name) ?? 0) + 1);
  const perStep = [...counts].map(([kernel, count]) => [kernel, count / 10] as const).sort((a, b) => b[1] - a[1]);
  const total = perStep.reduce((sum, [, count]) => sum + count, 0);
  console.log(`${name} on wasm, ${threads} thread(s): ${total.toFixed(1)} kernels a step (a 10-step fit's, epoch-end work included)`);
  console.log(`  ${perStep.map(([kernel, count]) => `${kernel} ${count}`).join(', ')}`);
  for (let fit = 0; fit < fits; fit++) {
    const start = performance.now();
    await model.fit(x, y, { epochs: 1, batchSize: batch, verbose: 0 });
    console.log(`${name} ${threads} thread(s) fit ${fit + 1}: ${((performance.now() - start) / steps).toFixed(3)} ms/step`);
  }
  tf.dispose([x, ids, y]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
