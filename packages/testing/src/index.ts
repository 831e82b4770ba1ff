export { goldenDir, goldenPath, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from './golden';
export { expectAllClose } from './close';
export { checkGradients } from './gradient-check';
export type { GradientCheckResult } from './gradient-check';
export { expectNoLeak } from './memory';
export { kernelsRunBy } from './kernels';
