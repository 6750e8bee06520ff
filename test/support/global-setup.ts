import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { fixtureProjectCopy } from './fixture-content';
import { FIXTURE_PROJECT_FILE } from './fixture-site';

// Builds two sites once for the projects that read dist/ or drive a browser: the real one (dist/: the
// build checks, axe over every page, the first screen, search, posters — what must hold on any content)
// and the fixture site (test/fixtures/content built in a copy of the project: what the function tests
// run against, so a page renamed in the CMS never breaks them). The first project to start builds, the
// others of the same run see the flag (global setups share the main process). SKIP_BUILD=1 reuses
// both when iterating locally.
const build = (cwd: string) =>
  execFileSync(join(process.cwd(), 'node_modules/.bin/astro'), ['build', '--silent'], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });

export default async function setup() {
  if (process.env.SKIP_BUILD === '1' || process.env.SITE_BUILT_IN_THIS_RUN) return;
  build(process.cwd());
  const fixture = await fixtureProjectCopy('fixture-site-');
  build(fixture);
  mkdirSync(dirname(FIXTURE_PROJECT_FILE), { recursive: true });
  writeFileSync(FIXTURE_PROJECT_FILE, fixture);
  process.env.SITE_BUILT_IN_THIS_RUN = '1';
}
