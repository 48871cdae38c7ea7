import { defineConfig } from 'vitest/config';

// Two cores here: at most two workers, each PGlite instance costs ~400 MB.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // A wedged PGlite hangs rather than fails (STACK.md): every test has a timeout.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['common/**/*.test.ts', 'web/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'api', include: ['server/**/*.test.ts'], globalSetup: ['server/test-support/global-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/global-setup.ts'], fileParallelism: false },
      },
    ],
  },
});
