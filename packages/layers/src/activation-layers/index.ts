export { ReLU } from './relu';
export type { ReLUArgs } from './relu';
export { LeakyReLU } from './leaky-relu';
export type { LeakyReLUArgs } from './leaky-relu';
export { PReLU } from './prelu';
export type { PReLUArgs } from './prelu';
export { ELU } from './elu';
export type { ELUArgs } from './elu';
