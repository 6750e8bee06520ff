import { defineConfig } from 'vitest/config';

// Four projects: `unit` needs nothing built and runs in seconds (`npm run test:unit`); the others read
// dist/ (integration, build) or drive Chromium (browser), and build the site once first.
const needsBuild = { globalSetup: ['test/support/global-setup.ts'] };

export default defineConfig({
  test: {
    // Every file runs with the UU PDP log guard (personal values in a log line fail the file).
    setupFiles: ['test/support/pii-guard.ts'],
    // Handler log lines only for failing tests (the PII guard reads them either way).
    silent: 'passed-only',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: one browser at a time keeps timings honest and the machine responsive.
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...needsBuild } },
      { extends: true, test: { name: 'build', include: ['test/build/**/*.test.ts'], ...needsBuild } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], ...needsBuild } },
    ],
  },
});
