import { mergeConfig } from 'vitest/config';
import { strataVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(strataVitestConfig(), {
  test: {
    globalSetup: ['./src/testing/worker-bundle.global-setup.ts'],
    setupFiles: ['./src/testing/worker.setup.ts'],
  },
});
