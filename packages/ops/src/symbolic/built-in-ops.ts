// Kept apart from registry.ts: the namespace imports below hold every op, and only code that loads files needs them.
import * as coreOps from '../core-ops';
import * as image from '../image';
import * as linalg from '../linalg';
import * as math from '../math';
import * as nn from '../nn';
import * as numpy from '../numpy';
import { type OpRegistry, opRegistry } from './registry';

/** Every op of @strata/ops, for loading graphs that use them. */
export function builtInOps(): OpRegistry {
  return opRegistry(numpy, nn, math, linalg, coreOps, image);
}
