import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { parse as parseYaml, stringify } from 'yaml';
import type { z } from 'zod';

import type { collectionDefs } from '../../src/content/schemas';
import { fillLaunchFacts } from '../../tools/launch-facts';
import { copyProject } from '../../tools/project-copy';

// The tests' own content (a frozen copy of the site's): tests about content rules read it, never the
// live content/ staff edit. The launch facts (contacts, officer, retention…) are empty in it, as today;
// `filled` gives the same content with the synthetic facts of tools/launch-facts.ts, as launch day will.

export const FIXTURE_CONTENT = 'test/fixtures/content';

export type LaunchFacts = 'empty' | 'filled';
export const LAUNCH_FACTS: LaunchFacts[] = ['empty', 'filled'];

/** settings/site.yaml as staff write it (before the schema's defaults and transforms). */
export type SettingsInput = z.input<(typeof collectionDefs)['settings']['schema']>;

/**
 * A throw-away copy of the tests' content; returns its folder (the content root), alone in a temporary
 * folder as content/ is in the project (the check reads uploads from its sibling public/uploads).
 */
export async function fixtureContentCopy(facts: LaunchFacts = 'empty'): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'content-')), 'content');
  await cp(FIXTURE_CONTENT, dir, { recursive: true });
  if (facts === 'filled') await fillLaunchFacts(dir);
  return dir;
}

/** Removes a copy made by fixtureContentCopy, with its temporary folder. */
export const removeContentCopy = (dir: string) => rm(dirname(dir), { recursive: true, force: true });

/** A throw-away copy of the project (tools/project-copy.ts) whose content/ is the tests' content. */
export async function fixtureProjectCopy(prefix: string, facts: LaunchFacts = 'empty'): Promise<string> {
  const project = await copyProject(prefix);
  await rm(join(project, 'content'), { recursive: true, force: true });
  await cp(FIXTURE_CONTENT, join(project, 'content'), { recursive: true });
  if (facts === 'filled') await fillLaunchFacts(join(project, 'content'));
  return project;
}

/** Changes settings/site.yaml of a content folder as the CMS does: read, changed, written back whole. */
export async function editSettings(contentDir: string, change: (settings: SettingsInput) => void): Promise<void> {
  const file = join(contentDir, 'settings/site.yaml');
  const settings = parseYaml(await readFile(file, 'utf8')) as SettingsInput;
  change(settings);
  await writeFile(file, stringify(settings, { lineWidth: 0 }));
}
