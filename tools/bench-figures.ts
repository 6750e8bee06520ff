// npm run bench:figures — the daily figures against the Airtable stand-in enforcing Airtable's 5
// requests a second (429 and a penalty), Blobs in a second process, at 10,000 and 50,000 registrations:
//   schedule   runs as figures-daily makes them (40 calls and 18 s a run at most, one call every 400 ms):
//              runs, Airtable calls, 429s, time in runs, and the wall time with one run a minute
//   full pace  one listing with nothing else on the budget (what a background function would do)
//   shared     delivery draining 1,000 registrations alone, then while the figures run: delivery's rate
// A run that meets a 429 stops, as in production, and the next one continues after Airtable's penalty
// (the stand-in's 30 s): on a loaded machine the stand-in, in this process, can time queued requests
// as a burst. Asserts nothing; needs a build (the registration config). BENCH_FIGURES_SIZES=10000 picks sizes.

import { airtableClientFromEnv } from '../src/delivery/airtable';
import { drainOutbox } from '../src/delivery/drain';
import { airtablePages } from '../src/figures/airtable-pages';
import { figuresRun, type FiguresRunOptions } from '../src/figures/run';
import { store as blobStore } from '../src/server/blobs';
import { print, table, withEnv } from './bench-support';
import { seedFigures } from './figures-seed';
import { person } from './people';
import { BASE_ID, TABLE } from './registration-env';

console.log = () => {};

const sizes = (process.env.BENCH_FIGURES_SIZES ?? '10000,50000').split(',').map(Number);
const TEAM_PLAN_CALLS = 100_000;
const s1 = (ms: number) => (ms / 1000).toFixed(1);

await withEnv(async (env) => {
  const airtable = airtableClientFromEnv()!;
  const store = blobStore('figures');
  const listCalls = async () => (await env.standin.requests()).filter((r) => r.path.endsWith('/listRecords')).length;
  const refused = async () => (await env.standin.requests()).filter((r) => r.status === 429).length;

  /** Runs one after another until published; what they cost. */
  async function compute(options: Partial<FiguresRunOptions> = {}) {
    await Promise.all([store.delete('published'), store.delete('run')]);
    const [calls0, refused0, started] = [await listCalls(), await refused(), Date.now()];
    const runs: number[] = [];
    const failed: string[] = [];
    for (;;) {
      const t = Date.now();
      const report = await figuresRun({ nextPage: airtablePages(airtable), lists: env.config, ...options });
      runs.push(Date.now() - t);
      if (report.outcome === 'published') break;
      if (report.outcome === 'failed') {
        // As the schedule would: the next run comes later (here: once the stand-in's penalty is over).
        failed.push(report.error ?? '?');
        const wait = (await env.standin.penaltyRemaining(BASE_ID)) + 100;
        await new Promise((r) => setTimeout(r, wait));
      } else if (report.outcome !== 'unfinished') throw new Error(`figures run: ${JSON.stringify(report)}`);
    }
    return { runs, failed, calls: (await listCalls()) - calls0, refused: (await refused()) - refused0, ms: Date.now() - started };
  }

  const rows: string[][] = [];
  for (const size of sizes) {
    await seedFigures(env.standin, BASE_ID, TABLE, size, env.config);
    const scheduled = await compute();
    const full = await compute({ maxCalls: Infinity, budgetMs: Infinity, minGapMs: 0 });
    const longest = Math.max(...scheduled.runs);
    rows.push([
      size.toLocaleString('en'),
      String(scheduled.calls),
      String(scheduled.runs.length),
      s1(longest),
      s1(scheduled.ms),
      `${scheduled.runs.length - 1} min ${s1(scheduled.runs.at(-1)!)} s`,
      `${scheduled.refused}${scheduled.failed.length ? ` (${scheduled.failed.length} runs failed)` : ''}`,
      `${s1(full.ms)} (${full.calls} calls, ${full.refused} 429)`,
      `${(scheduled.calls * 30).toLocaleString('en')} (${((scheduled.calls * 30 * 100) / TEAM_PLAN_CALLS).toFixed(1)} %)`,
    ]);
  }
  table(
    'Figures: a day’s computation (schedule: ≤ 40 calls, ≤ 18 s a run, one call every 400 ms; runs a minute apart)',
    ['records', 'calls', 'runs', 'longest run s', 'time in runs s', 'wall', '429', 'full pace s', 'calls a month (% Team plan)'],
    rows,
  );

  // Delivery's share of the budget while the figures run.
  const register = async (n: number) => {
    for (let i = 0; i < n; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${env.site.url}/api/register`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(person()),
          }),
        ),
      );
  };
  const drain = async () => {
    const started = Date.now();
    let delivered = 0;
    for (;;) {
      const report = await drainOutbox(airtable, { budgetMs: 60_000 });
      delivered += report.delivered;
      if (!report.unfinished) return { delivered, ms: Date.now() - started };
    }
  };
  await seedFigures(env.standin, BASE_ID, TABLE, 10_000, env.config);
  await register(1_000);
  const aloneRefused0 = await refused();
  const alone = await drain();
  const aloneRefused = (await refused()) - aloneRefused0;
  await register(1_000);
  await Promise.all([store.delete('published'), store.delete('run')]);
  const refused0 = await refused();
  const [shared, figures] = await Promise.all([drain(), figuresRun({ nextPage: airtablePages(airtable), lists: env.config })]);
  const sharedRefused = (await refused()) - refused0;
  table(
    'Delivery draining 1,000 registrations, alone and beside one figures run (over 10,000 records)',
    ['delivery', 'records', 'seconds', 'records/s', 'figures calls meanwhile', '429'],
    [
      ['alone', String(alone.delivered), s1(alone.ms), (alone.delivered / (alone.ms / 1000)).toFixed(1), '—', String(aloneRefused)],
      [
        'with figures',
        String(shared.delivered),
        s1(shared.ms),
        (shared.delivered / (shared.ms / 1000)).toFixed(1),
        `${figures.calls} (${figures.outcome}${figures.error ? ` ${figures.error}` : ''})`,
        String(sharedRefused),
      ],
    ],
  );
  print('');
});
