// keras.distillation against Keras 3.15.1 (golden/distillation.json, written by scripts/golden_distillation.py):
// the distillation losses on fixed logits and features, and one Distiller step on tiny models.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { Dense, Input, clearSession } from '@strata/layers';
import { CategoricalCrossentropy, KLDivergence, MeanAbsoluteError, SparseCategoricalCrossentropy } from '@strata/losses';
import { SGD } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';
import { FeatureDistillation, LogitsDistillation } from './distillation-loss';
import { Distiller } from './distiller';
import type { LossStructure } from './loss-items';

interface LossCase {
  name: string;
  kind: 'logits' | 'feature';
  temperature?: number;
  loss: string | Array<string | null>;
  value: number;
  config: Record<string, unknown>;
}

const golden = JSON.parse(readFileSync(new URL('../../golden/distillation.json', import.meta.url), 'utf8')) as {
  teacher_logits: number[][];
  student_logits: number[][];
  teacher_features: number[][];
  student_features: number[][];
  losses: LossCase[];
  distiller_step: {
    x: number[][];
    y: number[];
    teacher_weights: number[][][];
    student_weights: number[][][];
    logs: Record<string, number>;
    metrics_names: string[];
    student_weights_after: number[][][];
    teacher_weights_after: number[][][];
    trainable_weights: string[];
    default_evaluate: Record<string, number>;
  };
};

/** The loss argument each golden case was built with, as Strata spells it. */
function lossArgument(spelled: LossCase['loss']): LossStructure {
  if (Array.isArray(spelled)) return spelled;
  switch (spelled) {
    case 'KLDivergence':
      return new KLDivergence();
    case 'KLDivergence_name':
      return 'KLDivergence';
    case 'CategoricalCrossentropy_from_logits':
      return new CategoricalCrossentropy({ fromLogits: true });
    case 'MeanAbsoluteError':
      return new MeanAbsoluteError();
    default:
      return spelled;
  }
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('distillation losses equal Keras', () => {
  for (const c of golden.losses) {
    it(`${c.kind} ${c.name}`, () => {
      const before = tf.memory().numTensors;
      const multi = c.name === 'multi_output';
      const [t, s] = c.kind === 'logits' ? [golden.teacher_logits, golden.student_logits] : [golden.teacher_features, golden.student_features];
      const teacher = tf.tensor2d(t);
      const student = tf.tensor2d(s);
      const loss =
        c.kind === 'logits'
          ? new LogitsDistillation({ temperature: c.temperature, loss: lossArgument(c.loss) })
          : new FeatureDistillation({ loss: lossArgument(c.loss) });
      // The multi-output case gives the teacher [T, S] and the student [S, T].
      const value = multi ? loss.computeLoss([teacher, student], [student, teacher]) : loss.computeLoss(teacher, student);
      expect(value.rank).toBe(0);
      expectAllClose(value, c.value, { rtol: 1e-5, atol: 1e-6 });
      expect(loss.getConfig()).toEqual(c.config);
      tf.dispose([teacher, student, value]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("refuses what Keras refuses, in Keras's words", () => {
    expect(() => new LogitsDistillation({ temperature: 0 })).toThrow('temperature must be positive. Received: 0.');
    expect(() => new LogitsDistillation({ loss: [null, null] })).toThrow('must contain at least one non-null value');
    expect(() => new FeatureDistillation({ loss: null })).toThrow('must contain at least one non-null value');
    const pair = new LogitsDistillation({ loss: ['mse', 'mae'] });
    const one = tf.zeros([2, 3]);
    expect(() => pair.computeLoss(one, one)).toThrow('the loss structure must match the output structure');
    one.dispose();
  });
});

/** The golden models; `after` starts the student from its weights after the golden train step. */
function tinyModels(after = false) {
  clearSession();
  const step = golden.distiller_step;
  const teacher = new Sequential(
    [
      Input({ shape: [4] }),
      new Dense(6, { activation: 'relu', name: 't_hidden' }),
      new Dense(5, { name: 't_feat' }),
      new Dense(3, { name: 't_logits' }),
    ],
    { name: 'teacher' },
  );
  const student = new Sequential([Input({ shape: [4] }), new Dense(5, { activation: 'tanh', name: 's_feat' }), new Dense(3, { name: 's_logits' })], {
    name: 'student',
  });
  teacher.setWeights(step.teacher_weights.map((w) => tf.tensor(w)));
  student.setWeights((after ? step.student_weights_after : step.student_weights).map((w) => tf.tensor(w)));
  return { teacher, student, x: tf.tensor2d(step.x), y: tf.tensor1d(step.y, 'int32') };
}

describe('Distiller', () => {
  it("one train step gives Keras's logs and student weights, and leaves the teacher as it was", async () => {
    const step = golden.distiller_step;
    const { teacher, student, x, y } = tinyModels();
    const distiller = new Distiller({
      teacher,
      student,
      distillationLosses: [
        new LogitsDistillation({ temperature: 2, loss: new KLDivergence() }),
        new FeatureDistillation({ loss: 'mse', teacherLayerName: 't_feat', studentLayerName: 's_feat' }),
      ],
      distillationLossWeights: [1, 0.5],
      studentLossWeight: 0.3,
    });
    distiller.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    expect(distiller.trainableWeights.map((w) => w.path)).toEqual(step.trainable_weights);
    const values = (await distiller.trainOnBatch(x, y)) as number[];
    expect(distiller.metricsNames).toEqual(step.metrics_names);
    const logs = Object.fromEntries(distiller.metricsNames.map((name, i) => [name, values[i]]));
    for (const name of step.metrics_names) expectAllClose(logs[name], step.logs[name], { rtol: 1e-5, atol: 1e-6 });
    student.getWeights().forEach((w, i) => expectAllClose(w, tf.tensor(step.student_weights_after[i]), { rtol: 1e-5, atol: 1e-6 }));
    teacher.getWeights().forEach((w, i) => expectAllClose(w, tf.tensor(step.teacher_weights_after[i]), { rtol: 0, atol: 0 }));
    // A second step creates no tensor that outlives it.
    const before = tf.memory().numTensors;
    await distiller.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    distiller.dispose();
  });

  it("the default Distiller (LogitsDistillation(), student weight 0.5) evaluates to Keras's numbers", async () => {
    const step = golden.distiller_step;
    // Keras's script evaluates after the train step above, so the student starts from the trained weights.
    const { teacher, student, x, y } = tinyModels(true);
    const distiller = new Distiller({ teacher, student, distillationLosses: new LogitsDistillation() });
    distiller.compile({ optimizer: 'sgd', loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    const logs = await distiller.evaluate(x, y, { returnDict: true, verbose: 0 });
    for (const name of Object.keys(step.default_evaluate)) expectAllClose(logs[name], step.default_evaluate[name], { rtol: 1e-5, atol: 1e-6 });
    expect(teacher.trainable).toBe(false);
    // The forward pass is the student's.
    expectAllClose((await distiller.predict(x)) as tf.Tensor, (await student.predict(x)) as tf.Tensor, { rtol: 0, atol: 0 });
    tf.dispose([x, y]);
    distiller.dispose();
  });

  it('trains with fit: the logs hold the three trackers, reset each epoch, and fit leaves no tensor behind', async () => {
    const { teacher, student, x, y } = tinyModels();
    const distiller = new Distiller({
      teacher,
      student,
      distillationLosses: new FeatureDistillation({ loss: 'mse', teacherLayerName: 't_feat', studentLayerName: 's_feat' }),
      studentLossWeight: 0.2,
    });
    distiller.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    await distiller.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0 });
    const before = tf.memory().numTensors;
    const history = await distiller.fit(x, y, { epochs: 3, batchSize: 3, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(history.history).sort()).toEqual(['distillation_loss', 'loss', 'student_loss', 'total_loss']);
    // Two batches an epoch: each tracker's count restarts with the epoch.
    expect(distiller.totalLossTracker.count.dataSync()[0]).toBe(2);
    const { loss, total_loss: total, student_loss: studentLoss, distillation_loss: distillation } = history.history as Record<string, number[]>;
    loss.forEach((value, epoch) => {
      expect(total[epoch]).toBeCloseTo(value, 5);
      expect(0.2 * studentLoss[epoch] + 0.8 * distillation[epoch]).toBeCloseTo(value, 5);
    });
    // Feature distillation pulls the student's features toward the teacher's.
    expect(distillation[2]).toBeLessThan(distillation[0]);
    tf.dispose([x, y]);
    distiller.dispose();
  });

  it('checks its arguments and the models as Keras does', () => {
    const { teacher, student, x, y } = tinyModels();
    const logits = new LogitsDistillation();
    expect(() => new Distiller({ teacher, student, distillationLosses: logits, studentLossWeight: 1.5 })).toThrow(
      'student_loss_weight must be between 0.0 and 1.0, got 1.5',
    );
    expect(() => new Distiller({ teacher, student, distillationLosses: [logits, logits], distillationLossWeights: [1] })).toThrow(
      'Number of distillation_loss_weights (1) must match number of distillation_losses (2)',
    );
    expect(
      () => new Distiller({ teacher, student, distillationLosses: new FeatureDistillation({ teacherLayerName: 'nope', studentLayerName: 's_feat' }) }),
    ).toThrow(/^In teacher model: No such layer: nope/);
    const wide = new Sequential([Input({ shape: [4] }), new Dense(7)]);
    expect(() => new Distiller({ teacher, student: wide, distillationLosses: logits })).toThrow(
      'Teacher and student output shapes are incompatible. Teacher: (None, 3), Student: (None, 7). All dimensions must match.',
    );
    const distiller = new Distiller({ teacher, student, distillationLosses: logits });
    expect(() => distiller.compile({ optimizer: 'sgd' })).toThrow("'loss' cannot be `None`.");
    tf.dispose([x, y]);
    distiller.dispose();
    wide.dispose();
  });

  it("writes Keras's config for its losses and weights", () => {
    const { teacher, student, x, y } = tinyModels();
    const distiller = new Distiller({
      teacher,
      student,
      distillationLosses: [new LogitsDistillation({ temperature: 2, loss: new KLDivergence() })],
      studentLossWeight: 0.3,
    });
    const config = distiller.getConfig();
    expect(config.distillation_loss_weights).toEqual([1]);
    expect(config.student_loss_weight).toBe(0.3);
    expect(config.distillation_losses).toEqual([
      { module: 'keras.distillation', class_name: 'LogitsDistillation', config: golden.losses[1].config, registered_name: null },
    ]);
    expect((config.teacher as { config: { name: string } }).config.name).toBe('teacher');
    tf.dispose([x, y]);
    distiller.dispose();
  });
});
