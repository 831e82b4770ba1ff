import { strataVitestConfig } from '../../vitest.shared.ts';

export default strataVitestConfig({ include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'] });
