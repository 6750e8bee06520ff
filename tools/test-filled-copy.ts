// npm run test:filled-copy [-- vitest arguments] — the suite once more, on a throw-away copy of the
// project whose launch facts are filled (tools/launch-facts.ts), as the city will fill them in the CMS:
// no test may depend on today's empty facts. Without arguments it runs the README's test command
// (npm test) there; with arguments, `vitest run <arguments>`. KEEP_COPY=1 leaves the copy for a look.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { fillLaunchFacts } from './launch-facts';
import { copyProject } from './project-copy';

const args = process.argv.slice(2);
const copy = await copyProject('filled-copy-', { whole: true });
await fillLaunchFacts(join(copy, 'content'));
console.log(`Launch facts filled (synthetic) in a copy: ${copy}`);

const [command, commandArgs] = args.length ? ['npx', ['vitest', 'run', ...args]] : ['npm', ['test']];
const child = spawn(command, commandArgs, { cwd: copy, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
if (process.env.KEEP_COPY === '1') console.log(`Copy kept: ${copy}`);
else await rm(copy, { recursive: true, force: true });
process.exit(code);
