import type { OpSpec } from '../core/define-op';

/**
 * Records an op applied to symbolic tensors as a node of the graph being built.
 * TODO(lead, this session): being built in its own branch; until it lands, ops refuse symbolic tensors clearly.
 */
export function callSymbolic(spec: OpSpec, _eager: (...args: any[]) => any, _args: unknown[]): never {
  throw new TypeError(`ops.${spec.name} cannot yet be applied to symbolic tensors in Strata.`);
}
