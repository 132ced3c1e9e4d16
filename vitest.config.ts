import { defineConfig } from 'vitest/config';

// One run, four projects. Integration and e2e start their own local stacks on free ports.
export default defineConfig({
  test: {
    setupFiles: ['./local/polyfills.ts', './test/support/frameworks-seed.ts'],
    // The handlers' structured logs (refusals are logged as warnings) would drown the test report.
    env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' },
    projects: [
      {
        extends: true,
        // The web's own unit tests (pure modules such as web/src/lib/csv.ts) sit in web/test, where
        // svelte-check types them; they import shared/ by the web's alias.
        resolve: { alias: { $shared: new URL('./shared', import.meta.url).pathname } },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'web/test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The test province (test/support/fixture-province.ts) stands in for the real one.
          setupFiles: ['./local/polyfills.ts', './test/support/frameworks-seed.ts', './test/support/setup-province.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/global-setup.ts'],
          setupFiles: ['./local/polyfills.ts', './test/support/frameworks-seed.ts', './test/support/setup-province.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
