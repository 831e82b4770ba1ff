/**
 * predict and evaluate over growing n: Strata's samples/s at each size, so
 * that a batching path that copies the whole input per batch (quadratic in n)
 * shows as a falling rate. W1's model at batch 32 on random data: what is
 * measured is the batching, not the model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { workloads } from './workloads';

export interface ScalingRun {
  what: 'predict' | 'evaluate';
  samples: number;
  samplesPerSecondPerRound: number[];
}

const batchSize = 32;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const result = await work();
  if (result instanceof tf.Tensor) {
    await result.data();
    result.dispose();
  }
  return (performance.now() - started) / 1000;
}

export async function measureScaling(sizes: number[], rounds: number): Promise<ScalingRun[]> {
  if (sizes.length === 0) return [];
  const model = workloads.W1.strata();
  const runs: ScalingRun[] = [];
  try {
    const largest = Math.max(...sizes);
    const x = tf.randomUniform([largest, ...workloads.W1.sampleShape], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([largest], 0, 10, 'float32', 6)), 'float32'));
    try {
      // Builds the model and the metrics' state before timing.
      const [warmX, warmY] = [tf.slice(x, 0, batchSize), tf.slice(y, 0, batchSize)];
      await timed(() => model.evaluate(warmX, warmY, { batchSize, verbose: 0 }));
      tf.dispose([warmX, warmY]);
      for (const samples of sizes) {
        const xs = tf.slice(x, 0, samples);
        const ys = tf.slice(y, 0, samples);
        const predict: ScalingRun = { what: 'predict', samples, samplesPerSecondPerRound: [] };
        const evaluate: ScalingRun = { what: 'evaluate', samples, samplesPerSecondPerRound: [] };
        for (let round = 0; round < rounds; round++) {
          predict.samplesPerSecondPerRound.push(samples / (await timed(() => model.predict(xs, { batchSize }) as Promise<unknown>)));
          evaluate.samplesPerSecondPerRound.push(samples / (await timed(() => model.evaluate(xs, ys, { batchSize, verbose: 0 }))));
        }
        runs.push(predict, evaluate);
        tf.dispose([xs, ys]);
      }
    } finally {
      tf.dispose([x, y]);
    }
  } finally {
    model.dispose();
  }
  return runs;
}
