// npm run bench:status — status checks while delivery drains a backlog, against the stand-in enforcing
// Airtable's 5 requests/s (429 + penalty), Blobs in a second process. Two scenarios, 1,000 checks each:
//   fresh — 300 applicants check soon after their registration was delivered (the cache delivery left)
//   cold  — 100 applicants check after the cache window has passed (every first check reads Airtable)
// Prints Airtable calls per 1,000 checks (target ≤ 100), 429s (target 0), answers by source, latency.
// The limits are raised here: a bench checks faster than any crowd. Asserts nothing; needs a build.
import { performance } from 'node:perf_hooks';

import { airtableClientFromEnv } from '../src/delivery/airtable';
import { drainOutbox } from '../src/delivery/drain';
import { store } from '../src/server/blobs';
import { checkStatus, STATUS_CALLS, type StatusAnswer } from '../src/status/check';
import { pct, print, table, withEnv } from './bench-support';
import { clientAddress, type Person, person } from './people';

console.log = () => {};

const CHECKS = 1_000;
const BACKLOG = 2_000;
const IN_FLIGHT = 5;
const benchLimits = { perMinute: 1_000_000, perClientPerHour: 1_000_000 };

await withEnv(async (env) => {
  const register = async (p: Person) =>
    (
      (await (
        await fetch(`${env.site.url}/api/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
          body: JSON.stringify(p),
        })
      ).json()) as { reference: string }
    ).reference;
  const airtable = airtableClientFromEnv()!;
  const applicants: { ref: string; birthDate: string }[] = [];
  for (let i = 0; i < 300; i += 20) {
    const batch = Array.from({ length: 20 }, () => person());
    applicants.push(...(await Promise.all(batch.map(async (p) => ({ ref: await register(p), birthDate: p.birthDate })))));
  }
  while ((await drainOutbox(airtable, { budgetMs: 60_000 })).unfinished);

  const rows: string[][] = [];
  for (const scenario of ['fresh', 'cold'] as const) {
    const who = scenario === 'fresh' ? applicants : applicants.slice(0, 100);
    if (scenario === 'cold') {
      const cache = store('statusCache');
      await Promise.all(who.map((a) => cache.delete(a.ref)));
    }
    for (let i = 0; i < BACKLOG; i += 50) await Promise.all(Array.from({ length: 50 }, () => register(person())));
    const startedAt = Date.now();
    let calls = 0;
    const drain = drainOutbox(airtable, { budgetMs: 120_000 });
    // The checks' own client, as the status function makes it, counting its calls.
    const checks = airtableClientFromEnv({ ...STATUS_CALLS, onCall: () => calls++ });
    const answers: StatusAnswer[] = [];
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CHECKS) {
          const i = next++;
          // Applicants check again and again; one check in ten has a wrong birth date.
          const a = who[Math.floor(Math.random() * who.length)]!;
          const t0 = performance.now();
          answers.push(
            await checkStatus(a.ref, i % 10 === 0 ? '1990-01-01' : a.birthDate, {
              airtable: checks,
              ip: `10.0.${i >> 8}.${i & 255}`,
              limits: benchLimits,
            }),
          );
          times.push(performance.now() - t0);
        }
      }),
    );
    const report = await drain;
    const during = (await env.standin.requests()).filter((r) => r.at >= startedAt);
    const count = (f: (a: StatusAnswer) => string | undefined) =>
      Object.entries(
        answers.reduce<Record<string, number>>((m, a) => {
          const k = f(a);
          if (k) m[k] = (m[k] ?? 0) + 1;
          return m;
        }, {}),
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    rows.push([
      `${scenario}: ${who.length} applicants`,
      String(Math.round((calls / CHECKS) * 1000)),
      String(during.filter((r) => r.status === 429).length),
      count((a) => a.kind),
      count((a) => (a.kind === 'stage' ? a.source : undefined)),
      `${Math.round(pct(times, 50))} / ${Math.round(pct(times, 95))}`,
      String(report.delivered),
    ]);
  }
  table(
    `${CHECKS.toLocaleString('en')} status checks, ${IN_FLIGHT} at a time, while delivery drains ${BACKLOG.toLocaleString('en')} waiting registrations`,
    ['scenario', 'Airtable calls / 1,000 checks', '429s', 'answers', 'stage answers by source', 'p50 / p95 ms', 'delivered meanwhile'],
    rows,
  );
  print('');
});
