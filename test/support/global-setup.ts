import { execFileSync } from 'node:child_process';

// Builds the site once before the suite. SKIP_BUILD=1 reuses an existing dist/ when iterating locally.
export default function setup() {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync('node_modules/.bin/astro', ['build', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}
