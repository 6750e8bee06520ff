// npm run content:fill-launch-facts -- <copy of the project> — fills the launch facts (tools/launch-facts.ts)
// in that copy's content/settings/site.yaml with synthetic values. Never in a checkout: staff fill the
// real facts through the CMS, and a synthetic number on the live site would send people nowhere.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { fillLaunchFacts } from './launch-facts';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npm run content:fill-launch-facts -- <folder of a project copy> (tools/project-copy.ts makes one)');
  process.exit(2);
}
const root = resolve(dir);
if (root === resolve('.') || existsSync(join(root, '.git'))) {
  console.error(`${root} is a checkout, not a copy: the synthetic facts go only into a throw-away copy of the project.`);
  process.exit(2);
}
if (!existsSync(join(root, 'content/settings/site.yaml'))) {
  console.error(`${root} has no content/settings/site.yaml: not a copy of this project.`);
  process.exit(2);
}
await fillLaunchFacts(join(root, 'content'));
console.log(`Launch facts filled (synthetic) in ${join(root, 'content/settings/site.yaml')}`);
