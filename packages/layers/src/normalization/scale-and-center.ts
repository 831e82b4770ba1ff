import type { Constraint } from '../constraints';
import type { Layer } from '../engine/layer';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import type { Regularizer } from '../regularizers';
import {
  constraintOrNull,
  regularizerOrNull,
  serializeOptionalConstraint,
  serializeOptionalRegularizer,
} from './normalization-utils';
import type { KerasSerialized } from '../serialization';

/** The arguments every Keras normalization layer takes for its learned scale (gamma) and offset (beta). */
export interface ScaleAndCenterArgs {
  /** Whether a learned offset `beta` is added after normalising. Default `true`. */
  center?: boolean;
  /** Whether the result is multiplied by a learned `gamma`. Default `true`. */
  scale?: boolean;
  /** Initializer of `beta`. Default `'zeros'`. */
  betaInitializer?: InitializerIdentifier;
  /** Initializer of `gamma`. Default `'ones'`. */
  gammaInitializer?: InitializerIdentifier;
  /** Regularizer applied to `beta`. Default `null`. */
  betaRegularizer?: Regularizer | string | null;
  /** Regularizer applied to `gamma`. Default `null`. */
  gammaRegularizer?: Regularizer | string | null;
  /** Constraint applied to `beta` after each update. Default `null`. */
  betaConstraint?: Constraint | string | null;
  /** Constraint applied to `gamma` after each update. Default `null`. */
  gammaConstraint?: Constraint | string | null;
}

/** The scale-and-center keys of BatchNormalization's and LayerNormalization's configs, as Keras 3 writes them. */
export type ScaleAndCenterConfig = {
  /** Whether the layer adds the learned offset `beta`. */
  center: boolean;
  /** Whether the layer multiplies by the learned scale `gamma`. */
  scale: boolean;
  /** Initializer of `beta`, serialized. */
  beta_initializer: KerasSerialized;
  /** Initializer of `gamma`, serialized. */
  gamma_initializer: KerasSerialized;
  /** Regularizer of `beta`, serialized, or null. */
  beta_regularizer: KerasSerialized | null;
  /** Regularizer of `gamma`, serialized, or null. */
  gamma_regularizer: KerasSerialized | null;
  /** Constraint of `beta`, serialized, or null. */
  beta_constraint: KerasSerialized | null;
  /** Constraint of `gamma`, serialized, or null. */
  gamma_constraint: KerasSerialized | null;
};
/**
 * gamma and beta of BatchNormalization, LayerNormalization and
 * GroupNormalization: one place for their defaults (`center` and `scale`
 * true, beta zeros, gamma ones), their creation order and their config keys.
 */
export class ScaleAndCenter {
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;

  constructor(args: ScaleAndCenterArgs) {
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = regularizerOrNull(args.betaRegularizer);
    this.gammaRegularizer = regularizerOrNull(args.gammaRegularizer);
    this.betaConstraint = constraintOrNull(args.betaConstraint);
    this.gammaConstraint = constraintOrNull(args.gammaConstraint);
  }

  /** Adds gamma, then beta (Keras's order, which weight files depend on), each only when enabled. */
  addWeights(layer: Layer, shape: number[]): { gamma?: LayerVariable; beta?: LayerVariable } {
    const gamma = this.scale
      ? layer.addWeight('gamma', {
          shape,
          initializer: this.gammaInitializer,
          regularizer: this.gammaRegularizer,
          constraint: this.gammaConstraint,
        })
      : undefined;
    const beta = this.center
      ? layer.addWeight('beta', {
          shape,
          initializer: this.betaInitializer,
          regularizer: this.betaRegularizer,
          constraint: this.betaConstraint,
        })
      : undefined;
    return { gamma, beta };
  }

  /** Keras's config keys for these arguments. */
  getConfig(): ScaleAndCenterConfig {
    return {
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      beta_regularizer: serializeOptionalRegularizer(this.betaRegularizer),
      gamma_regularizer: serializeOptionalRegularizer(this.gammaRegularizer),
      beta_constraint: serializeOptionalConstraint(this.betaConstraint),
      gamma_constraint: serializeOptionalConstraint(this.gammaConstraint),
    };
  }

  /** The arguments back from a Keras config. */
  static argsFromConfig(config: Record<string, unknown>): ScaleAndCenterArgs {
    return {
      center: config.center as boolean,
      scale: config.scale as boolean,
      betaInitializer: config.beta_initializer as InitializerIdentifier,
      gammaInitializer: config.gamma_initializer as InitializerIdentifier,
      betaRegularizer: regularizerOrNull(config.beta_regularizer),
      gammaRegularizer: regularizerOrNull(config.gamma_regularizer),
      betaConstraint: constraintOrNull(config.beta_constraint),
      gammaConstraint: constraintOrNull(config.gamma_constraint),
    };
  }
}
