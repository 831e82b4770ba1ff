// Keras's keras.ops.numpy: one line per family file.
export { add } from './arithmetic';
export { sum } from './reductions';
export { array, arange, copy, empty, emptyLike, eye, full, fullLike, identity, ones, onesLike, tri, zeros, zerosLike } from './creation';
export { geomspace, linspace, logspace, meshgrid } from './ranges';
export { broadcastTo, expandDims, moveaxis, ndim, ravel, reshape, size, squeeze, swapaxes, transpose, view } from './shape';
export { append, concatenate, dstack, hstack, stack, vstack } from './joining';
export { arraySplit, dsplit, hsplit, split, vsplit } from './splitting';
export { flip, fliplr, flipud, repeat, roll, rot90, tile } from './rearranging';
export { nonzero, select, take, takeAlongAxis, unravelIndex, where } from './indexing';
export { getItem } from './get-item';
export { argpartition, argsort, digitize, searchsorted, sort } from './sorting';
export { bincount, histogram } from './counting';
export { unique } from './unique';
