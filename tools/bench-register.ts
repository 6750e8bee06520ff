// npm run bench:register — the registration pipeline against the Airtable stand-in enforcing Airtable's
// limits (5 requests/s per base, 429 + penalty), Blobs in a second process as on Netlify. Scenarios:
// a burst of 1,000 at 50 in flight; 200 at once; backlogs of 10,000 and 20,000 left by an outage;
// 1,000 records sharing one NIK; a poison record among good ones; and the naive pattern (one SDK create
// per request) for comparison. Prints tables; asserts nothing. Needs a built site (npm run build).
// BENCH_SCENARIOS=burst,backlog10k,… runs some only.
import { performance } from 'node:perf_hooks';

// The one import of the SDK outside the client (src/delivery/airtable-sdk.ts), on purpose: the naive scenario shows what
// the client exists to prevent (no budget, no batches, the SDK's own retries), so it must not use it.
import Airtable from 'airtable';

import { acceptRegistration } from '../src/delivery/accept';
import { airtableClientFromEnv } from '../src/delivery/airtable';
import { type AirtableFields, toAirtableFields } from '../src/delivery/airtable-fields';
import { registrationTableFields } from '../src/delivery/airtable-schema';
import { BACKGROUND_BUDGET_MS } from '../src/delivery/background';
import { drainOutbox, type DrainReport } from '../src/delivery/drain';
import { nikHash } from '../src/delivery/nik-index';
import { allEntries } from '../src/delivery/queue-keys';
import { choiceLabels } from '../src/registration/fields';
import { newReference } from '../src/registration/reference';
import { validateRegistration } from '../src/registration/validate';
import { todayInSerang } from '../src/shared/serang-time';
import { builtSiteData } from '../src/site-data';
import { StandinProcess } from './airtable-standin/process';
import { pct, table, withEnv } from './bench-support';
import { clientAddress, person } from './people';
import { BASE_ID, TABLE } from './registration-env';
import { serveSite } from './static-server';

const FUNCTION_LIMIT_MS = 60_000; // Netlify's limit for a synchronous function
const only = process.env.BENCH_SCENARIOS?.split(',');
const wanted = (name: string) => !only || only.includes(name);

async function burst(url: string, bodies: object[], inFlight: number) {
  const times: number[] = [];
  const refs: (string | undefined)[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          // Each person from their own phone: the limits count registrations per client address.
          headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
          body: JSON.stringify(bodies[i]),
        }).catch(() => undefined);
        times.push(performance.now() - t0);
        refs[i] = res?.status === 201 ? ((await res.json()) as { reference: string }).reference : undefined;
      }
    }),
  );
  return { times, refs, seconds: (performance.now() - start) / 1000 };
}

interface Outcome {
  accepted: number;
  lost: number;
  duplicated: number;
  /** Records a second from the first delivered to the last (Airtable's createdTime). */
  rate: number;
}
function outcome(records: { createdTime: string; fields: Record<string, unknown> }[], refs: (string | undefined)[]): Outcome {
  const seen = new Map<string, number>();
  for (const r of records) seen.set(String(r.fields.Referensi), (seen.get(String(r.fields.Referensi)) ?? 0) + 1);
  const accepted = refs.filter(Boolean) as string[];
  const mine = new Set(accepted);
  const times = records
    .filter((r) => mine.has(String(r.fields.Referensi)))
    .map((r) => Date.parse(r.createdTime))
    .sort((a, b) => a - b);
  const span = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
  return {
    accepted: accepted.length,
    lost: accepted.filter((r) => !seen.get(r)).length,
    duplicated: accepted.filter((r) => (seen.get(r) ?? 0) > 1).length,
    rate: span ? (times.length - 1) / span : 0,
  };
}

console.log = () => {}; // the handler's one-line events; the tables go to stdout through process.stdout

const calls = (env: { standin: StandinProcess }) => env.standin.requestCount();
const rateLimited = async (env: { standin: StandinProcess }) => (await env.standin.requests()).filter((r) => r.status === 429).length;

/** Drains as the background function does (one long run), and reports what it saw. */
async function drainAsBackground(): Promise<{ report: DrainReport; seconds: number }> {
  const t = performance.now();
  const report = await drainOutbox(airtableClientFromEnv()!, { budgetMs: BACKGROUND_BUDGET_MS });
  return { report, seconds: (performance.now() - t) / 1000 };
}

/** Registrations placed straight in the outbox, as an outage leaves them. */
async function placeBacklog(
  env: { config: NonNullable<ReturnType<typeof builtSiteData>>['config'] },
  n: number,
  over: Parameters<typeof person>[0] = {},
): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i += 200) {
    refs.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(200, n - i) }, async () => {
          const v = validateRegistration({ ...person(over) }, env.config, todayInSerang());
          if (!v.ok) throw new Error('synthetic person invalid');
          return (
            await acceptRegistration(
              { values: v.value, labels: choiceLabels(v.value, env.config), lang: 'id', consentVersion: env.config.consent.version },
              { nikHash: nikHash(v.value.nik) },
            )
          ).reference;
        }),
      )),
    );
  }
  return refs;
}

const pipelineRows: string[][] = [];
const pipelineHead = [
  'scenario',
  'accepted',
  'accepted/s',
  'p50 ms',
  'p95 ms',
  'Airtable calls in burst',
  '429s',
  'first window s',
  'drain rec/s (ceiling 50)',
  'lost',
  'duplicated',
];

for (const [name, n, inFlight] of [
  ['burst', 1000, 50],
  ['simultaneous', 200, 200],
] as const) {
  if (!wanted(name)) continue;
  await withEnv(async (env) => {
    const people = Array.from({ length: n }, () => person());
    const before = await calls(env);
    const b = await burst(`${env.site.url}/api/register`, people, inFlight);
    const inBurst = (await calls(env)) - before;
    const { report } = await drainAsBackground();
    if (process.env.BENCH_DEBUG)
      process.stderr.write(
        `${JSON.stringify(report)}\n${(await env.standin.requests()).map((r) => `${r.at % 100000} ${r.method} ${r.status}`).join('\n')}\n`,
      );
    const o = outcome(await env.records(), b.refs);
    pipelineRows.push([
      `${n} registrations, ${inFlight} in flight`,
      String(o.accepted),
      (o.accepted / b.seconds).toFixed(0),
      pct(b.times, 50).toFixed(0),
      pct(b.times, 95).toFixed(0),
      String(inBurst),
      String(await rateLimited(env)),
      ((report.firstWindowMs ?? 0) / 1000).toFixed(2),
      o.rate.toFixed(1),
      String(o.lost),
      String(o.duplicated),
    ]);
  });
}

for (const [name, n] of [
  ['backlog10k', 10_000],
  ['backlog20k', 20_000],
] as const) {
  if (!wanted(name)) continue;
  await withEnv(async (env) => {
    const t = performance.now();
    const refs = await placeBacklog(env, n);
    process.stderr.write(`${name}: ${n} placed in ${((performance.now() - t) / 1000).toFixed(0)} s; draining…\n`);
    const { report } = await drainAsBackground();
    const o = outcome(await env.records(), refs);
    const left = (await allEntries()).due.length;
    pipelineRows.push([
      `backlog of ${n.toLocaleString('en')}`,
      String(o.accepted),
      '—',
      '—',
      '—',
      '—',
      String(await rateLimited(env)),
      ((report.firstWindowMs ?? 0) / 1000).toFixed(2),
      o.rate.toFixed(1),
      String(o.lost) + (left ? ` (${left} still waiting)` : ''),
      String(o.duplicated),
    ]);
  });
}

if (pipelineRows.length)
  table(
    'Registration pipeline, Airtable limits enforced (drain: one background run, rate from first record delivered to last)',
    pipelineHead,
    pipelineRows,
  );

const caseRows: string[][] = [];
if (wanted('sharedNik')) {
  await withEnv(async (env) => {
    const { nik, birthDate } = person();
    const refs = await placeBacklog(env, 1000, { nik, birthDate });
    const before = await calls(env);
    const { report, seconds } = await drainAsBackground();
    const o = outcome(await env.records(), refs);
    const flagged = (await env.records()).filter((r) => r.fields['NIK ganda'] === true).length;
    caseRows.push([
      '1,000 records sharing one NIK',
      String((await calls(env)) - before),
      String(await rateLimited(env)),
      seconds.toFixed(1),
      `${flagged} of 1000 flagged`,
      String(o.lost),
      String(o.duplicated),
      String(report.paused ?? '—'),
    ]);
  });
}
if (wanted('poison')) {
  await withEnv(async (env) => {
    const good = await placeBacklog(env, 95);
    const v = validateRegistration({ ...person() }, env.config, todayInSerang());
    if (!v.ok) throw new Error('invalid');
    await acceptRegistration({
      values: { ...v.value, birthDate: 'bukan tanggal' },
      labels: {},
      lang: 'id',
      consentVersion: env.config.consent.version,
    });
    good.push(...(await placeBacklog(env, 4)));
    const before = await calls(env);
    const { report, seconds } = await drainAsBackground();
    const o = outcome(await env.records(), good);
    caseRows.push([
      'a poison record among 99 good ones',
      String((await calls(env)) - before),
      String(await rateLimited(env)),
      seconds.toFixed(1),
      `${report.delivered} delivered in the run, ${report.held} held`,
      String(o.lost),
      String(o.duplicated),
      String(report.paused ?? '—'),
    ]);
  });
}
if (caseRows.length)
  table(
    'Records that used to jam delivery',
    ['case', 'Airtable calls', '429s', 'drain s', 'result', 'lost', 'duplicated', 'paused'],
    caseRows,
  );

// Naive: the SDK's create inside the request, default retries (up to 10 minutes on 429): the SDK alone,
// not the client (see the import above).
if (wanted('naive')) {
  const N = 1000;
  const config = builtSiteData()!.config;
  const standin = new StandinProcess({ token: 'naive', bases: { [BASE_ID]: [{ name: TABLE, fields: registrationTableFields(config) }] } });
  const endpointUrl = await standin.start();
  const airtable = new Airtable({ apiKey: 'naive', endpointUrl }).base(BASE_ID).table<AirtableFields>(TABLE);
  const naive = async (req: Request) => {
    const v = validateRegistration((await req.json()) as Record<string, unknown>, config, todayInSerang());
    if (!v.ok) return new Response(null, { status: 422 });
    const reference = newReference();
    const create = airtable.create([
      {
        fields: toAirtableFields(
          reference,
          { values: v.value, labels: choiceLabels(v.value, config), lang: 'id', consentVersion: config.consent.version },
          new Date(),
        ),
      },
    ]);
    create.catch(() => {});
    const result = await Promise.race([
      create.then(() => 'ok'),
      new Promise((r) => setTimeout(() => r('timeout'), FUNCTION_LIMIT_MS)),
    ]).catch(() => 'error');
    return result === 'ok' ? Response.json({ reference }, { status: 201 }) : new Response(null, { status: 504 });
  };
  const site = await serveSite('dist', { '/api/register': naive });
  const b = await burst(
    `${site.url}/api/register`,
    Array.from({ length: N }, () => person()),
    N,
  );
  const o = outcome(await standin.records(BASE_ID, TABLE), b.refs);
  const tooMany = (await standin.requests()).filter((r) => r.status === 429).length;
  table(
    'The naive pattern: one SDK create per request, all 1,000 at once',
    ['accepted', 'p50 ms', 'p95 ms', '429s', 'refused or timed out'],
    [[String(o.accepted), pct(b.times, 50).toFixed(0), pct(b.times, 95).toFixed(0), String(tooMany), String(N - o.accepted)]],
  );
  await site.close();
  await standin.stop();
}
process.exit(0);
