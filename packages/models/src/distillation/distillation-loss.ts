import type { Layer } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import {
  type LossStructure,
  type ResolvedLoss,
  isKLDivergenceClass,
  meanLoss,
  outputsList,
  resolveLosses,
  serializeStructure,
} from './loss-items';

/** What a distillation loss sees of the teacher and the student: the model surface it validates against. */
export interface DistillationModel {
  name: string;
  /** The declared inputs, null for a subclassed model (a Sequential without an input shape declares none either). */
  inputSpecs(): ReadonlyArray<{ shape: unknown }> | null;
  getLayer(name: string): Layer;
}

/**
 * Keras's `keras.distillation.DistillationLoss`: how the teacher's outputs
 * teach the student. Subclasses implement `computeLoss`, which returns a
 * scalar; `validateOutputs` and `validateModelCompatibility` check what they
 * are given before training starts.
 */
export abstract class DistillationLoss {
  /** Keras's class name, as configs write it. */
  static className = 'DistillationLoss';

  get className(): string {
    return (this.constructor as typeof DistillationLoss).className;
  }

  /** The loss between the teacher's and the student's outputs (one tensor, or one per output): a scalar. */
  abstract computeLoss(teacherOutputs: tf.Tensor | tf.Tensor[], studentOutputs: tf.Tensor | tf.Tensor[]): tf.Scalar;

  /** Checks that the two sides have the same structure (Keras's `tree.assert_same_structure`). */
  validateOutputs(teacherOutputs: tf.Tensor | tf.Tensor[], studentOutputs: tf.Tensor | tf.Tensor[]): void {
    const count = (o: tf.Tensor | tf.Tensor[]) => (Array.isArray(o) ? `a list of ${o.length} tensors` : 'one tensor');
    if (Array.isArray(teacherOutputs) !== Array.isArray(studentOutputs) || count(teacherOutputs) !== count(studentOutputs)) {
      throw new ValueError(
        `${this.className}: the teacher's outputs (${count(teacherOutputs)}) and the student's outputs (${count(studentOutputs)}) must have the same structure.`,
      );
    }
  }

  /** Checks, when the Distiller is built, that the teacher and student suit this loss. Nothing by default. */
  validateModelCompatibility(_teacher: DistillationModel, _student: DistillationModel): void {}

  /** Keras's `get_config()`. */
  abstract getConfig(): Record<string, unknown>;
}

export interface LogitsDistillationOptions {
  /** Softmax temperature that both sides' logits are divided by. Default 3. */
  temperature?: number;
  /** Default `'kl_divergence'`: Keras's function, on the temperature-scaled logits without softmax or T²; a `KLDivergence` instance (or `'KLDivergence'`) gets both. */
  loss?: LossStructure;
}

/**
 * Keras's `LogitsDistillation`: divides both sides' logits by the temperature
 * and applies the loss. A `KLDivergence` instance compares the softmax
 * probabilities and is scaled by T² (Hinton et al.); any other loss,
 * including the default `'kl_divergence'` function name, gets the scaled
 * logits as they are, exactly as Keras 3.15 does.
 */
export class LogitsDistillation extends DistillationLoss {
  static override className = 'LogitsDistillation';
  readonly temperature: number;
  readonly loss: LossStructure;
  private readonly resolved: Array<ResolvedLoss | null>;

  constructor(options: LogitsDistillationOptions = {}) {
    super();
    this.temperature = options.temperature ?? 3.0;
    this.loss = options.loss === undefined ? 'kl_divergence' : options.loss;
    this.resolved = resolveLosses('LogitsDistillation', this.loss);
    if (typeof this.temperature !== 'number' || !Number.isFinite(this.temperature)) {
      throw new ValueError(`LogitsDistillation's temperature must be a number. Received: ${String(this.temperature)}.`);
    }
    if (this.temperature <= 0) throw new ValueError(`LogitsDistillation's temperature must be positive. Received: ${this.temperature}.`);
  }

  computeLoss(teacherOutputs: tf.Tensor | tf.Tensor[], studentOutputs: tf.Tensor | tf.Tensor[]): tf.Scalar {
    const isList = Array.isArray(this.loss);
    const teacher = outputsList(this.className, "teacher's", teacherOutputs, this.resolved.length, isList);
    const student = outputsList(this.className, "student's", studentOutputs, this.resolved.length, isList);
    return tf.tidy(() => {
      const terms = this.resolved.map((resolved, i) => {
        if (resolved === null) return tf.scalar(0);
        const teacherScaled = tf.div(teacher[i], this.temperature);
        const studentScaled = tf.div(student[i], this.temperature);
        if (!isKLDivergenceClass(resolved)) return meanLoss(resolved, teacherScaled, studentScaled);
        const value = meanLoss(resolved, tf.softmax(teacherScaled), tf.softmax(studentScaled));
        return tf.mul(value, this.temperature ** 2);
      });
      return tf.sum(tf.stack(terms)) as tf.Scalar;
    });
  }

  getConfig(): Record<string, unknown> {
    return { temperature: this.temperature, loss: serializeStructure(this.loss, this.resolved) };
  }
}

export interface FeatureDistillationOptions {
  /** Default `'mse'`. */
  loss?: LossStructure;
  /** The teacher layer whose output is compared; the teacher's final output when absent. */
  teacherLayerName?: string | null;
  /** The student layer whose output is compared; the student's final output when absent. */
  studentLayerName?: string | null;
}

/**
 * Keras's `FeatureDistillation`: the loss between a teacher layer's output and
 * a student layer's output (or the final outputs), without temperature.
 * Naming layers needs functional or Sequential models.
 */
export class FeatureDistillation extends DistillationLoss {
  static override className = 'FeatureDistillation';
  readonly loss: LossStructure;
  readonly teacherLayerName: string | null;
  readonly studentLayerName: string | null;
  private readonly resolved: Array<ResolvedLoss | null>;

  constructor(options: FeatureDistillationOptions = {}) {
    super();
    this.teacherLayerName = options.teacherLayerName ?? null;
    this.studentLayerName = options.studentLayerName ?? null;
    this.loss = options.loss === undefined ? 'mse' : options.loss;
    this.resolved = resolveLosses('FeatureDistillation', this.loss);
  }

  override validateModelCompatibility(teacher: DistillationModel, student: DistillationModel): void {
    if (this.teacherLayerName !== null || this.studentLayerName !== null) {
      const symbolic = (model: DistillationModel) => model.inputSpecs()?.every((spec) => spec.shape !== null) ?? false;
      const subclassed = [...(symbolic(teacher) ? [] : ['teacher']), ...(symbolic(student) ? [] : ['student'])];
      if (subclassed.length > 0) {
        throw new ValueError(
          `FeatureDistillation with specific layer names requires Functional or Sequential models. The ${subclassed.join(' and ')} model(s) appear to be subclassed (no symbolic inputs/outputs). Either use Functional/Sequential models, or use FeatureDistillation without layer names (to distill final outputs only), or use LogitsDistillation instead.`,
        );
      }
    }
    for (const [side, model, layerName] of [
      ['teacher', teacher, this.teacherLayerName],
      ['student', student, this.studentLayerName],
    ] as const) {
      if (layerName === null) continue;
      try {
        model.getLayer(layerName);
      } catch (error) {
        throw new ValueError(`In ${side} model: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  computeLoss(teacherOutputs: tf.Tensor | tf.Tensor[], studentOutputs: tf.Tensor | tf.Tensor[]): tf.Scalar {
    const isList = Array.isArray(this.loss);
    const teacher = outputsList(this.className, "teacher's", teacherOutputs, this.resolved.length, isList);
    const student = outputsList(this.className, "student's", studentOutputs, this.resolved.length, isList);
    return tf.tidy(() => {
      const terms = this.resolved.map((resolved, i) => (resolved === null ? tf.scalar(0) : meanLoss(resolved, teacher[i], student[i])));
      return tf.sum(tf.stack(terms)) as tf.Scalar;
    });
  }

  getConfig(): Record<string, unknown> {
    return {
      loss: serializeStructure(this.loss, this.resolved),
      teacher_layer_name: this.teacherLayerName,
      student_layer_name: this.studentLayerName,
    };
  }
}
