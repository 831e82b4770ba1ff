export { goldenDir, goldenPath, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from './golden';
export { expectAllClose } from './close';
export { checkGradients } from './gradient-check';
export type { GradientCheckResult } from './gradient-check';
export { expectNoLeak } from './memory';
export { kernelsRunBy } from './kernels';
export { decodeProtobuf, readEventFile, referenceCrc32c, scalarSeries } from './tensorboard-events';
export type { SummaryValue } from './tensorboard-events';
