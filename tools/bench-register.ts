// npm run bench:register — 1,000 registrations in one burst through the real handler into the Airtable
// stand-in enforcing Airtable's limits (5 requests/s per base, 429 + 30 s penalty), then the delivery
// worker drains the outbox. The naive pattern (one SDK create per request, default retries) runs on the
// same burst against a fresh stand-in. Prints a table; needs a built site (npm run build).
import Airtable from 'airtable';
import { spawn } from 'node:child_process';
import { builtSiteData } from '../src/site-data';
import { performance } from 'node:perf_hooks';
import { startRegistrationEnv, BASE_ID, TABLE } from './registration-env';
import { person } from './people';
import { serveSite } from './static-server';
import { AirtableStandin } from './airtable-standin/server';
import { registrationTableFields } from '../src/delivery/airtable-schema';
import { airtableSettingsFromEnv, toAirtableFields } from '../src/delivery/airtable';
import { listOutbox, penaltyUntil } from '../src/delivery/outbox';
import { deliverPending } from '../src/delivery/drain';
import { newReference } from '../src/registration/reference';
import { validateRegistration } from '../src/registration/validate';
import { todayInSerang } from '../src/shared/serang-time';

const N = Number(process.env.BENCH_N ?? 1000);
// Requests in flight at once (BENCH_IN_FLIGHT); the handler, the stand-in and the load share one process.
const CONCURRENCY = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const FUNCTION_LIMIT_MS = 60_000; // Netlify's limit for a synchronous function

const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function burst(url: string, bodies: object[], inFlight = CONCURRENCY) {
  const times: number[] = [];
  const refs: (string | undefined)[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(bodies[i]) }).catch(() => undefined);
        times.push(performance.now() - t0);
        refs[i] = res?.status === 201 ? ((await res.json()) as { reference: string }).reference : undefined;
      }
    }),
  );
  return { times, refs, seconds: (performance.now() - start) / 1000 };
}

function count(records: { fields: Record<string, unknown> }[], refs: (string | undefined)[]) {
  const seen = new Map<string, number>();
  for (const r of records) seen.set(String(r.fields.Referensi), (seen.get(String(r.fields.Referensi)) ?? 0) + 1);
  const accepted = refs.filter(Boolean) as string[];
  return { accepted: accepted.length, lost: accepted.filter((r) => !seen.get(r)).length, duplicated: accepted.filter((r) => (seen.get(r) ?? 0) > 1).length };
}

const people = Array.from({ length: N }, () => person());
console.log = () => {}; // the handler's one-line events; the table goes to stdout through process.stdout
const print = (line: string) => process.stdout.write(`${line}\n`);
const rows: string[][] = [];

// Ours: durable first, then the worker. Blobs runs in a second process, as it is a separate service on
// Netlify; the handler, the stand-in and the load all share this one.
{
  const child = spawn('node_modules/.bin/tsx', ['scripts/blobs-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const blobsPort = Number(await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d)))));
  const env = await startRegistrationEnv({ blobsPort }); // Airtable's real limits
  const b = await burst(`${env.site.url}/api/register`, people);
  const settings = airtableSettingsFromEnv()!;
  const byRequestPath = env.records().length;
  // The burst's own 429 leaves Airtable's 30 s penalty; the drain is timed from when requests may go again.
  const penaltyWait = Math.max(0, (await penaltyUntil()) - Date.now(), env.standin.penaltyRemaining(BASE_ID));
  await new Promise((r) => setTimeout(r, penaltyWait));
  const drainStart = performance.now();
  while ((await listOutbox()).length) {
    const t = performance.now();
    const r = await deliverPending(settings, { budgetMs: 25_000 });
    if (process.env.BENCH_DEBUG) console.error(r, ((performance.now() - t) / 1000).toFixed(1));
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const drained = env.records().length - byRequestPath;
  const c = count(env.records(), b.refs);
  rows.push([
    'outbox + worker',
    String(c.accepted),
    (c.accepted / b.seconds).toFixed(0),
    pct(b.times, 50).toFixed(0),
    pct(b.times, 95).toFixed(0),
    (drained / drainSeconds).toFixed(1),
    drainSeconds.toFixed(1),
    String(c.lost),
    String(c.duplicated),
  ]);
  console.error(`ours: ${byRequestPath} delivered in the request, ${drained} by the worker after waiting out ${(penaltyWait / 1000).toFixed(0)} s of 429 penalty`);
  await env.close();
  child.kill();
}

// Naive: the SDK's create inside the request, default retries (up to 10 minutes on 429).
{
  const options = builtSiteData()!.config;
  const standin = new AirtableStandin({ token: 'naive', bases: { [BASE_ID]: [{ name: TABLE, fields: registrationTableFields(options) }] } });
  const endpointUrl = await standin.start();
  const table = new Airtable({ apiKey: 'naive', endpointUrl }).base(BASE_ID).table(TABLE);
  const naive = async (req: Request) => {
    const v = validateRegistration((await req.json()) as Record<string, unknown>, options, todayInSerang());
    if (!v.ok) return new Response(null, { status: 422 });
    const reference = newReference();
    const create = table.create([{ fields: toAirtableFields(reference, v.value, options, new Date()) as never }]);
    create.catch(() => {});
    const outcome = await Promise.race([create.then(() => 'ok'), new Promise((r) => setTimeout(() => r('timeout'), FUNCTION_LIMIT_MS))]).catch(() => 'error');
    return outcome === 'ok' ? Response.json({ reference }, { status: 201 }) : new Response(null, { status: 504 });
  };
  const site = await serveSite('dist', { '/api/register': naive });
  // Everyone at once: the naive handler only waits on Airtable, and waiting is what it does.
  const b = await burst(`${site.url}/api/register`, people, N);
  const c = count(standin.records(BASE_ID, TABLE), b.refs);
  const notAnswered = N - c.accepted;
  rows.push([
    'naive SDK create',
    String(c.accepted),
    (c.accepted / b.seconds).toFixed(1),
    pct(b.times, 50).toFixed(0),
    pct(b.times, 95).toFixed(0),
    '—',
    '—',
    `${c.lost} (+${notAnswered} refused/timed out)`,
    String(c.duplicated),
  ]);
  await site.close();
  await standin.stop();
}

const head = ['pattern', 'accepted', 'accepted/s', 'p50 ms', 'p95 ms', 'drain rec/s (ceiling 50)', 'drain s', 'lost', 'duplicated'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
print(`\nRegistration burst: ${N} requests (ours ${CONCURRENCY} in flight, naive all at once), Airtable limits enforced\n`);
print(line(head));
print(line(widths.map((w) => '-'.repeat(w))));
rows.forEach((r) => print(line(r)));
process.exit(0);
