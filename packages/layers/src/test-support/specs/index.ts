import type { LayerSpecs } from '../describe-layer-tests';
import { activationLayerSpecs } from './activation-layers';
import { applicationLayerSpecs } from './applications';
import { attentionSpecs } from './attention';
import { augmentationSpecs } from './augmentation';
import { convolutionalSpecs } from './convolutional';
import { coreLayerSpecs } from './core';
import { mergingSpecs } from './merging';
import { normalizationSpecs } from './normalization';
import { poolingSpecs } from './pooling';
import { preprocessingSpecs } from './preprocessing';
import { regularizationSpecs } from './regularization';
import { reshapingSpecs } from './reshaping';
import { rnnSpecs } from './rnn';

/** Every spec table by its export name, which the family's test file passes to describeLayerTests. */
export const layerSpecTables: Record<string, LayerSpecs> = {
  activationLayerSpecs,
  applicationLayerSpecs,
  attentionSpecs,
  augmentationSpecs,
  convolutionalSpecs,
  coreLayerSpecs,
  mergingSpecs,
  normalizationSpecs,
  poolingSpecs,
  preprocessingSpecs,
  regularizationSpecs,
  reshapingSpecs,
  rnnSpecs,
};
