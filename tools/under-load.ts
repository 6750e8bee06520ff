// npm run test:under-load [-- runs] [-- files…] — runs test files several times in a row while one busy
// process per core keeps the machine's cores busy, as a loaded CI machine or a neighbour would. Delivery's
// pacing must hold Airtable's 5 calls a second however late this process is scheduled (README "Delivery").
// Default: the delivery, registration, status and abuse integration tests, 5 runs. Prints each run's
// outcome (a failed run's whole output in test-results/under-load/); exits non-zero if any run failed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { stripVTControlCharacters } from 'node:util';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 5;
const files = args.length
  ? args
  : [
      'test/integration/delivery.test.ts',
      'test/integration/register.test.ts',
      'test/integration/status.test.ts',
      'test/integration/abuse.test.ts',
    ];

const busy: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
);
const stop = () => busy.forEach((p) => p.kill('SIGKILL'));
process.on('exit', stop);

let failed = 0;
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  // The first run builds the sites (global setup); later ones reuse them.
  const env = { ...process.env, ...(i > 1 ? { SKIP_BUILD: '1' } : {}) };
  const r = spawnSync('node_modules/.bin/vitest', ['run', ...files], { stdio: ['ignore', 'pipe', 'pipe'], env, encoding: 'utf8' });
  const out = stripVTControlCharacters(r.stdout);
  const summary = out.match(/Tests\s+.*$/m)?.[0] ?? '';
  console.log(`run ${i}/${runs}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s — ${summary}`);
  if (r.status !== 0) {
    failed++;
    // The whole output of a failed run, for reading afterwards.
    mkdirSync('test-results/under-load', { recursive: true });
    writeFileSync(`test-results/under-load/run-${i}.log`, out);
    console.log(
      out
        .split('\n')
        .filter((l) => /×|FAIL|Error/.test(l))
        .slice(0, 12)
        .join('\n'),
    );
  }
}
stop();
process.exit(failed ? 1 : 0);
