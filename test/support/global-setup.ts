import { execFileSync } from 'node:child_process';

// Builds the site once for the projects that read dist/ or drive a browser: the first project to start
// builds, the others of the same run see the flag (global setups share the main process). SKIP_BUILD=1
// reuses an existing dist/ when iterating locally.
export default function setup() {
  if (process.env.SKIP_BUILD === '1' || process.env.SITE_BUILT_IN_THIS_RUN) return;
  execFileSync('node_modules/.bin/astro', ['build', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  process.env.SITE_BUILT_IN_THIS_RUN = '1';
}
