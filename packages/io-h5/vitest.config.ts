import { mergeConfig } from 'vitest/config';
import { strataVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(strataVitestConfig(), {
  test: {
    globalSetup: ['./src/test-support/worker-bundle.global-setup.ts'],
    setupFiles: ['./src/test-support/worker.setup.ts'],
  },
});
