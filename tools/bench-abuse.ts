// npm run bench:abuse — the site against a broker's script: each storm sent at the same instant, on the
// real functions (the built site, Netlify Blobs' local server in its own process, the Airtable
// stand-in). Prints what got through, what a failing or slow store lets through, and the status
// check's timing by path at three store latencies. Asserts nothing (test/integration/abuse.test.ts and
// fail-closed.test.ts do).
import { performance } from 'node:perf_hooks';

import { airtableClientFromEnv } from '../src/delivery/airtable';
import { drainOutbox } from '../src/delivery/drain';
import { expireBuckets, store } from '../src/server/blobs';
import { checkStatus, STATUS_CALLS } from '../src/status/check';
import { pct, print, table, withEnv } from './bench-support';
import { type Person, person, statusCheckBody, unissuedReferences } from './people';

console.log = () => {};

await withEnv(async (env) => {
  let octet = 0;
  const ip = () => `100.64.${(++octet >> 8) & 255}.${octet & 255}`;
  const register = async (p: Person, headers: Record<string, string> = {}) => {
    const res = await fetch(`${env.site.url}/api/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': ip(), ...headers },
      body: new URLSearchParams(
        Object.entries({ ...p, consent: 'yes' }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]])),
      ),
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') ?? '' };
  };
  const check = async (reference: string, birthDate: string, from = ip()) => {
    const started = performance.now();
    const res = await fetch(`${env.site.url}/api/cek-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': from },
      body: statusCheckBody(reference, birthDate),
    });
    const html = await res.text();
    return { status: res.status, ms: performance.now() - started, stage: html.includes('id="stage-title"') };
  };
  const refOf = (location: string) => new URL(location, env.site.url).searchParams.get('ref')!;
  const wrong = (i: number) => `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
  const limits = store('limits');
  const kept = async (ref: string) => (await limits.list({ prefix: 'ref/' })).blobs.filter((b) => b.key.includes(`/${ref}/`)).length;
  const outboxItems = async () => (await store('outbox').list({ prefix: 'item/' })).blobs.length;
  const unissued = unissuedReferences('XX');
  const count = (xs: { status: number }[], f: (s: number) => boolean) => xs.filter((x) => f(x.status)).length;
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rows: string[][] = [];
  // The storms use up the minute's checks for everyone (300): a section that needs answers starts afresh.
  const nextMinute = () => new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 50));

  const victim = person();
  const victimRef = refOf((await register(victim)).location);
  await Promise.all(Array.from({ length: 100 }, (_, i) => check(victimRef, wrong(i))));
  rows.push([
    '100 wrong birth dates at once on one reference, 100 addresses',
    'birth dates compared',
    String(await kept(victimRef)),
    '≤ 10',
  ]);

  const one = ip();
  const perClient = await Promise.all(Array.from({ length: 60 }, () => check(unissued(), '1990-01-01', one)));
  rows.push(['60 checks at once from one address', 'answered (not 429)', String(count(perClient, (s) => s !== 429)), '≤ 5 (its minute)']);

  const v6 = await Promise.all(
    Array.from({ length: 45 }, (_, i) => check(unissued(), '1990-01-01', `2001:db8:5:9:${(i + 1).toString(16)}::1`)),
  );
  rows.push(['45 addresses of one IPv6 /64 at once', 'answered (not 429)', String(count(v6, (s) => s !== 429)), '≤ 5 (its minute)']);

  const flooder = ip();
  await Promise.all(Array.from({ length: 400 }, () => check(unissued(), '1990-01-01', flooder)));
  rows.push([
    'a fresh address after one client sent 400 at once',
    'its answer',
    String((await check(unissued(), '1990-01-01')).status),
    '200',
  ]);

  // A tunnel /48 holds 65,536 /64s: 300 of them at once in a fresh minute, then someone else.
  await nextMinute();
  const tunnel = await Promise.all(
    Array.from({ length: 300 }, (_, i) => check(unissued(), '1990-01-01', `2001:db8:48:${(i + 1).toString(16)}::1`)),
  );
  const afterTunnel = await check(unissued(), '1990-01-01');
  rows.push([
    '300 /64s of one IPv6 /48 at once, then a fresh address',
    'answered (not 429); the fresh one',
    `${count(tunnel, (s) => s !== 429)}; ${afterTunnel.status}`,
    '≤ 10 (its minute); 200',
  ]);

  const owner = person();
  const ownerLink = (await register(owner)).location;
  await Promise.all(Array.from({ length: 60 }, (_, i) => check(refOf(ownerLink), wrong(i))));
  const receipt = await fetch(new URL(ownerLink, env.site.url));
  const sees = (await receipt.text()).includes('id="stage-title"');
  rows.push([
    "the owner's receipt link after a stranger's 60 guesses",
    'status, stage shown',
    `${receipt.status}, ${sees ? 'yes' : 'no'}`,
    '200, yes',
  ]);

  const alone = await fetch(`${env.site.url}/daftar/terima-kasih/?ref=${refOf(ownerLink)}`);
  const never = await fetch(`${env.site.url}/daftar/terima-kasih/?ref=SRG-YYYYY4`);
  const same = (await alone.text()).replaceAll(refOf(ownerLink), 'R') === (await never.text()).replaceAll('SRG-YYYYY4', 'R');
  rows.push([
    'the receipt by reference alone vs a never-issued one',
    'status, page',
    `${alone.status} vs ${never.status}, ${same ? 'identical' : 'DIFFERENT'}`,
    'identical',
  ]);

  const nik = person();
  const flood = await Promise.all(Array.from({ length: 30 }, () => register({ ...nik })));
  rows.push([
    '30 registrations of one NIK at once, 30 addresses',
    'accepted; 5xx',
    `${count(flood, (s) => s === 303)}; ${count(flood, (s) => s >= 500)}`,
    '≤ 3; 0',
  ]);

  // One client against the daily ceiling: 100 made-up NIKs at once from one address (Netlify's own
  // 20 a minute per address is not played here), then a citizen from elsewhere.
  const placesLeft = async (n: number) => env.setConfig({ dailyLimit: (await limits.list({ prefix: 'day/' })).blobs.length + n });
  await placesLeft(50);
  const sameAddress = ip();
  const oneClient = await Promise.all(Array.from({ length: 100 }, () => register(person(), { 'x-nf-client-connection-ip': sameAddress })));
  const citizen = await register(person());
  rows.push([
    'ceiling of 50 left today: 100 registrations at once from one address, then a citizen',
    'accepted; the citizen',
    `${count(oneClient, (s) => s === 303)}; ${citizen.status === 303 ? 'accepted' : `refused (${citizen.status})`}`,
    '≤ 20 (its day); accepted',
  ]);
  await placesLeft(100);
  const wide = await Promise.all(
    Array.from({ length: 100 }, (_, i) => register(person(), { 'x-nf-client-connection-ip': `2001:db8:4a:${(i + 1).toString(16)}::1` })),
  );
  rows.push([
    'ceiling of 100 left: 100 registrations at once from 100 /64s of one /48',
    'accepted',
    String(count(wide, (s) => s === 303)),
    "≤ 60 (the /48's day)",
  ]);
  env.setConfig({});

  const cross = await register(person(), { Origin: 'https://calo.example' });
  rows.push(['a registration posted from another site', 'answer', String(cross.status), '403']);
  table('Abuse: storms sent at the same instant (npm run bench:abuse)', ['storm', 'measure', 'result', 'target'], rows);

  // The store misbehaving. @netlify/blobs retries 429 and 5xx itself (5 times, 5 s apart outside tests)
  // before it answers, so each refused write costs its caller about 25 s.
  const faulty: string[][] = [];
  await nextMinute();
  for (const status of [503, 429, 500] as const) {
    const p = person();
    const ref = refOf((await register(p)).location);
    const items = await outboxItems();
    await env.blobsFaults({ conditionalStatus: status });
    const started = performance.now();
    const [checks, regs] = await Promise.all([
      Promise.all([...Array.from({ length: 29 }, (_, i) => check(ref, wrong(i))), check(ref, p.birthDate)]),
      Promise.all(Array.from({ length: 10 }, () => register(person()))),
    ]);
    const took = performance.now() - started;
    await env.blobsFaults({});
    faulty.push([
      `conditional writes answer ${status}: 30 birth dates on one reference (the right one last) + 10 registrations, at once`,
      'dates compared (not busy); stage shown; registrations stored; 5xx of registration',
      `${count(checks, (s) => s !== 503)}; ${checks.at(-1)!.stage ? 'yes' : 'no'}; ${(await outboxItems()) - items}; ${count(regs, (s) => s >= 500)}`,
      `0; no; 0; 10 (busy) — answered in ${secs(took)}`,
    ]);
  }
  {
    // Every conditional write lands, and its answer is lost: the library sends it again and meets its
    // own write (412).
    const p = person();
    const ref = refOf((await register(p)).location);
    await env.blobsFaults({ loseAnswers: Infinity });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => check(ref, wrong(i))));
    const right = await check(ref, p.birthDate);
    const took = performance.now() - started;
    await env.blobsFaults({});
    faulty.push([
      'every conditional answer lost: 4 wrong birth dates at once, then the right one',
      'answers (not busy); tries kept; stage shown',
      `${count(answers, (s) => s === 200)}; ${await kept(ref)}; ${right.stage ? 'yes' : 'no'}`,
      `4; 4; yes — answered in ${secs(took)}`,
    ]);
  }
  table('A store that fails or loses answers', ['storm', 'measure', 'result', 'target'], faulty);

  // Timing by path: a never-issued reference, a wrong birth date, a locked reference, one at a time,
  // at three store latencies. Through the function (with its floor) and, to show the store operations
  // alone, through checkStatus without a floor.
  const airtable = airtableClientFromEnv(STATUS_CALLS);
  const delivered = person();
  const deliveredRef = refOf((await register(delivered)).location);
  await drainOutbox(airtableClientFromEnv()!, { budgetMs: 60_000 });
  const locked = refOf((await register(person())).location);
  for (let i = 0; i < 12; i++) await check(locked, wrong(i));
  let fresh: string[] = [];
  const wrongDateRef = async () => {
    // Each reference takes at most 10 wrong dates before it locks: a new registration every 5.
    if (!fresh.length) {
      const r = refOf((await register(person())).location);
      fresh = Array(5).fill(r);
    }
    return fresh.pop()!;
  };
  const paths = [
    ['never issued', async () => unissued()],
    ['wrong birth date', wrongDateRef],
    ['locked', async () => locked],
  ] as const;
  const timing: string[][] = [];
  const bare: string[][] = [];
  await nextMinute();
  for (const latencyMs of [0, 20, 40]) {
    await env.blobsFaults({ latencyMs });
    const ms: number[][] = paths.map(() => []);
    const direct: number[][] = paths.map(() => []);
    // The three at once each round: whatever else the machine does then lands on all three alike.
    for (let i = 0; i < 21; i++) {
      const refs = [];
      for (const [, ref] of paths) refs.push(await ref());
      const answers = await Promise.all(refs.map((r) => check(r, wrong(i))));
      answers.forEach((a, p) => ms[p]!.push(a.ms));
      const again = [];
      for (const [, ref] of paths) again.push(await ref());
      const times = await Promise.all(
        again.map(async (r) => {
          const t0 = performance.now();
          await checkStatus(r, wrong(i + 1), { airtable, ip: ip(), floorMs: 0 });
          return performance.now() - t0;
        }),
      );
      times.forEach((t, p) => direct[p]!.push(t));
    }
    const spread = (xs: number[][]) => {
      const medians = xs.map((x) => pct(x, 50));
      return (Math.max(...medians) - Math.min(...medians)).toFixed(1);
    };
    timing.push([`${latencyMs} ms`, ...ms.map((x) => pct(x, 50).toFixed(1)), spread(ms)]);
    // The fastest of each is the store work alone; the medians also carry whatever else the machine does.
    bare.push([`${latencyMs} ms`, ...direct.map((x) => `${pct(x, 50).toFixed(1)} (${Math.min(...x).toFixed(1)})`), spread(direct)]);
  }
  await env.blobsFaults({});
  void deliveredRef;
  const heads = ['store latency', ...paths.map(([name]) => `${name} (median ms)`), 'spread of medians'];
  table(
    'Status check: the three "no match" answers through the function, 21 rounds of the three at once (target: spread ≤ 15 ms)',
    heads,
    timing,
  );
  table(
    'The same through checkStatus without the floor: the store operations alone (median, and fastest in brackets)',
    ['store latency', ...paths.map(([name]) => `${name} (ms)`), 'spread of medians'],
    bare,
  );

  // Expiry: whole buckets, however full.
  const s = store('limits');
  const started = performance.now();
  const keys = Array.from({ length: 2000 }, (_, i) => `client/2000010100/bench${i % 400}/${String(Math.floor(i / 400)).padStart(4, '0')}`);
  for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => s.set(k, '')));
  const filled = performance.now() - started;
  const t0 = performance.now();
  const done = await expireBuckets(s, 'client', '2000010101');
  const took = (performance.now() - t0) / 1000;
  print(
    `\nExpiry: ${done.deleted} counter keys of a past hour deleted in ${took.toFixed(1)} s (${Math.round(done.deleted / took)} keys/s; filling took ${(filled / 1000).toFixed(1)} s).`,
  );
});
