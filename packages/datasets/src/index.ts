export { parseNpy, parseNpz, encodeNpy } from './npy';
export type { NpyArray, NpyDtype } from './npy';
