import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the global setup records the fixture site's project folder (test/fixtures/content, built). */
export const FIXTURE_PROJECT_FILE = join('test-results', 'fixture-project.txt');

/** The built fixture site's project folder: for startRegistrationEnv({ project }). */
export function fixtureProject(): string {
  return readFileSync(FIXTURE_PROJECT_FILE, 'utf8').trim();
}
