import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The site is built once for every test that reads dist/ or drives a browser.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/pii-guard.ts'],
    // Handler log lines only for failing tests (the PII guard reads them either way).
    silent: 'passed-only',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one browser at a time keeps timings honest and the machine responsive.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
