import { strataVitestConfig } from '../../vitest.shared.ts';

// src/**: unit tests. test/**: the end-to-end test in Chromium and the bundle-size budget, which build with Vite/esbuild.
export default strataVitestConfig({ include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 180_000 });
