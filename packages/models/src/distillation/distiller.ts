import type { CallOptions, LayerArgs, Shape, Tensors } from '@strata/layers';
import { type Loss, getLoss } from '@strata/losses';
import { Mean } from '@strata/metrics';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import type { SerializedEntry } from '../json-types';
import { Model } from '../model';
import { serializeLayer } from '../sequential';
import type { CompileArgs } from '../training/compile';
import type { StepLogs } from '../training/step';
import type { ComputeLossArgs } from '../training/step-methods';
import { DistillationLoss, FeatureDistillation } from './distillation-loss';
import { FINAL_OUTPUT, FeatureExtractor } from './feature-extractor';
import type { LossItem } from './loss-items';
import { checkModelsMatch } from './model-checks';

export interface DistillerArgs extends LayerArgs {
  /** A trained model; the Distiller freezes it. */
  teacher: Model;
  /** The model that learns; after training, use `distiller.student` on its own. */
  student: Model;
  /** One distillation loss or several. */
  distillationLosses: DistillationLoss | DistillationLoss[];
  /** One weight per distillation loss; all 1 when absent. */
  distillationLossWeights?: number[] | null;
  /** The weight of the student's own loss against the labels, in [0, 1]; the distillation losses get 1 minus it. Default 0.5. */
  studentLossWeight?: number;
}

function asList(value: Tensors): tf.Tensor[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Keras's `keras.distillation.Distiller`: a model whose forward pass is the
 * student's and whose loss is
 * `studentLossWeight * studentLoss + (1 - studentLossWeight) * Σ wᵢ distillationLossᵢ`,
 * the teacher running frozen, in inference mode, beside it. It trains with
 * the ordinary `fit`, through its own `computeLoss`; the logs add
 * `student_loss`, `distillation_loss` and `total_loss` to `loss`.
 */
export class Distiller extends Model {
  static override className = 'Distiller';
  readonly teacher: Model;
  readonly student: Model;
  readonly studentLossWeight: number;
  readonly distillationLosses: DistillationLoss[];
  readonly distillationLossWeights: number[];
  readonly studentLossTracker = new Mean({ name: 'student_loss' });
  readonly distillationLossTracker = new Mean({ name: 'distillation_loss' });
  readonly totalLossTracker = new Mean({ name: 'total_loss' });
  // Private fields stay out of the layer tracking that walks the model's properties.
  #studentLoss: Loss[] | null = null;
  #studentLossArgument: LossItem | LossItem[] | null = null;
  readonly #teacherExtractor: FeatureExtractor | null;
  readonly #studentExtractor: FeatureExtractor | null;

  constructor(args: DistillerArgs) {
    const { teacher, student, distillationLosses, distillationLossWeights, studentLossWeight, ...layerArgs } = args;
    super({ ...layerArgs, name: layerArgs.name ?? 'distiller' });
    for (const [role, model] of [
      ['Teacher', teacher],
      ['Student', student],
    ] as const) {
      if (!(model instanceof Model)) throw new ValueError(`${role} must be a keras.Model, got ${String(model)}.`);
    }
    checkModelsMatch(teacher, student);
    this.teacher = teacher;
    this.student = student;
    const weight = studentLossWeight ?? 0.5;
    if (typeof weight !== 'number' || Number.isNaN(weight)) throw new ValueError(`student_loss_weight must be a number, got ${String(weight)}.`);
    if (weight < 0 || weight > 1) throw new ValueError(`student_loss_weight must be between 0.0 and 1.0, got ${weight}.`);
    this.studentLossWeight = weight;
    if (distillationLosses === null || distillationLosses === undefined) {
      throw new ValueError(
        "'distillation_losses' cannot be `None`. Provide a distillation loss (e.g., LogitsDistillation or FeatureDistillation) or a list of distillation losses.",
      );
    }
    if (Array.isArray(distillationLosses)) {
      this.distillationLosses = distillationLosses;
      if (distillationLossWeights == null) {
        this.distillationLossWeights = distillationLosses.map(() => 1);
      } else if (distillationLossWeights.length !== distillationLosses.length) {
        throw new ValueError(
          `Number of distillation_loss_weights (${distillationLossWeights.length}) must match number of distillation_losses (${distillationLosses.length}).`,
        );
      } else {
        this.distillationLossWeights = distillationLossWeights;
      }
    } else {
      // Keras ignores the weights given with a single loss.
      this.distillationLosses = [distillationLosses];
      this.distillationLossWeights = [1];
    }
    for (const loss of this.distillationLosses) {
      if (!(loss instanceof DistillationLoss)) throw new ValueError(`Each distillation loss must be a DistillationLoss. Received: ${String(loss)}.`);
      loss.validateModelCompatibility(teacher, student);
    }
    const names = (side: 'teacherLayerName' | 'studentLayerName') => [
      ...new Set(this.distillationLosses.flatMap((l) => (l instanceof FeatureDistillation && l[side] ? [l[side] as string] : []))),
    ];
    const teacherNames = names('teacherLayerName');
    const studentNames = names('studentLayerName');
    this.#teacherExtractor = teacherNames.length > 0 ? new FeatureExtractor(teacher, teacherNames) : null;
    this.#studentExtractor = studentNames.length > 0 ? new FeatureExtractor(student, studentNames) : null;
    teacher.trainable = false;
    // The student's input shape, when known, is the Distiller's.
    const specs = student.inputSpecs();
    if (specs?.length === 1 && specs[0].shape) this.batchInputShape = specs[0].shape;
  }

  /** Keras's Distiller.compile: `loss` is the student's loss against the labels (required); the rest goes to Model.compile. */
  override compile(args: CompileArgs = {}): void {
    const { loss, ...rest } = args;
    if (loss === null || loss === undefined) throw new ValueError("'loss' cannot be `None`.");
    if (typeof loss === 'object' && !Array.isArray(loss) && !(typeof (loss as Loss).compute === 'function')) {
      throw new ValueError('Distiller.compile takes one loss or a list of losses (one per student output), not a dict.');
    }
    if (rest.metrics != null && !Array.isArray(rest.metrics)) {
      throw new ValueError(`metrics must be a list or tuple, got ${typeof rest.metrics}.`);
    }
    const items = (Array.isArray(loss) ? loss : [loss]) as Array<string | Loss>;
    this.#studentLoss = items.map((item) => getLoss(item));
    this.#studentLossArgument = loss as LossItem | LossItem[];
    super.compile({ ...rest, loss: null });
  }

  /** The student's loss as given to `compile`, or null before it. */
  get studentLoss(): LossItem | LossItem[] | null {
    return this.#studentLossArgument;
  }

  override call(inputs: Tensors, options: CallOptions = {}): Tensors {
    return this.student.apply(inputs, { training: options.training });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.student.computeOutputShape(inputShape);
  }

  override computeLoss(args: ComputeLossArgs): tf.Scalar {
    const training = args.training ?? true;
    const x = args.x as Tensors;
    const yPred = args.yPred ?? this.apply(x, { training });
    let studentLoss: tf.Tensor = tf.scalar(0);
    if (this.studentLossWeight > 0 && args.y !== undefined) {
      studentLoss = this.studentLossValue(asList(args.y), asList(yPred));
    }
    let distillationLoss: tf.Tensor = tf.scalar(0);
    if (this.studentLossWeight < 1) {
      const teacherFeatures = this.#teacherExtractor?.extract(x, false) ?? new Map([[FINAL_OUTPUT, this.teacher.apply(x, { training: false })]]);
      const studentFeatures = this.#studentExtractor?.extract(x, training) ?? new Map([[FINAL_OUTPUT, yPred]]);
      this.distillationLosses.forEach((loss, i) => {
        const named = loss instanceof FeatureDistillation && loss.teacherLayerName !== null;
        const teacherOutput = named ? teacherFeatures.get(loss.teacherLayerName as string) : teacherFeatures.get(FINAL_OUTPUT);
        const studentOutput = named ? studentFeatures.get(loss.studentLayerName ?? FINAL_OUTPUT) : yPred;
        if (teacherOutput === undefined || studentOutput === undefined) {
          throw new ValueError(
            `Failed to extract features for ${loss.className} targeting teacher layer '${(loss as FeatureDistillation).teacherLayerName}' and student layer '${(loss as FeatureDistillation).studentLayerName}'.`,
          );
        }
        loss.validateOutputs(teacherOutput, studentOutput);
        const value = loss.computeLoss(teacherOutput, studentOutput);
        if (value.rank > 0) {
          throw new ValueError(
            `Distillation loss ${loss.className} returned a non-scalar loss with shape [${value.shape.join(', ')}]. The compute_loss method must return a scalar tensor.`,
          );
        }
        distillationLoss = tf.add(distillationLoss, tf.mul(this.distillationLossWeights[i], value));
      });
    }
    const total = tf.add(tf.mul(this.studentLossWeight, studentLoss), tf.mul(1 - this.studentLossWeight, distillationLoss)) as tf.Scalar;
    this.studentLossTracker.updateState(studentLoss);
    this.distillationLossTracker.updateState(distillationLoss);
    this.totalLossTracker.updateState(total);
    return total;
  }

  private studentLossValue(y: tf.Tensor[], yPred: tf.Tensor[]): tf.Tensor {
    const losses = this.#studentLoss;
    if (!losses) throw new ValueError(`You must call compile() on Distiller "${this.name}" before training or evaluating it.`);
    if (losses.length !== y.length || y.length !== yPred.length) {
      throw new ValueError(
        `Distiller "${this.name}" has ${losses.length} student loss(es) for ${y.length} target(s) and ${yPred.length} student output(s); they must match.`,
      );
    }
    // Keras calls each loss without the sample weights.
    const values = losses.map((loss, i) => loss.compute(y[i], yPred[i]));
    const value = values.length > 1 ? tf.sum(tf.stack(values)) : values[0];
    return value.rank > 0 ? tf.mean(value) : value;
  }

  /**
   * The default metric update; overridden so that the trainer reads the logs
   * this returns (every metric of `metrics`, the three trackers included, as
   * Keras's `get_metrics_result`) instead of the compiled metrics alone.
   */
  override computeMetrics(x: Tensors, y: Tensors | undefined, yPred: Tensors, sampleWeight?: tf.Tensor): StepLogs {
    return super.computeMetrics(x, y, yPred, sampleWeight);
  }

  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      trainable: this.trainable,
      teacher: serializeLayer(this.teacher) as SerializedEntry,
      student: serializeLayer(this.student) as SerializedEntry,
      distillation_losses: this.distillationLosses.map((loss) => ({
        module: 'keras.distillation',
        class_name: loss.className,
        config: loss.getConfig(),
        registered_name: null,
      })),
      distillation_loss_weights: this.distillationLossWeights,
      student_loss_weight: this.studentLossWeight,
    };
  }
}
