import { strataVitestConfig } from '../../vitest.shared';

export default strataVitestConfig();
