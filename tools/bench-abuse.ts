// npm run bench:abuse — the site against a broker's script: each storm sent at the same instant, on the
// real functions (the built site, Netlify Blobs' local server, the Airtable stand-in). Prints what got
// through and the status check's timing by path. Asserts nothing (test/integration/abuse.test.ts does).
import { performance } from 'node:perf_hooks';

import { airtableClientFromEnv } from '../src/delivery/airtable';
import { drainOutbox } from '../src/delivery/drain';
import { expireBuckets, store, takeSlot } from '../src/server/blobs';
import { pct, print, table, withEnv } from './bench-support';
import { type Person, person } from './people';

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
    const [y, m, d] = birthDate.split('-');
    const started = performance.now();
    const res = await fetch(`${env.site.url}/api/cek-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': from },
      body: new URLSearchParams({
        reference,
        'birthDate-day': String(Number(d)),
        'birthDate-month': String(Number(m)),
        'birthDate-year': y!,
      }),
    });
    await res.text();
    return { status: res.status, ms: performance.now() - started };
  };
  const refOf = (location: string) => new URL(location, env.site.url).searchParams.get('ref')!;
  const wrong = (i: number) => `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
  const limits = store('limits');
  const kept = async (ref: string) => (await limits.list({ prefix: 'ref/' })).blobs.filter((b) => b.key.includes(`/${ref}/`)).length;
  const A = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let u = 0;
  const unissued = () => `SRG-XX${A[(++u >> 10) & 31]}${A[(u >> 5) & 31]}${A[u & 31]}Z`;
  const rows: string[][] = [];

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
  rows.push(['60 checks at once from one address', 'answered (not 429)', String(perClient.filter((a) => a.status !== 429).length), '≤ 30']);

  const v6 = await Promise.all(
    Array.from({ length: 45 }, (_, i) => check(unissued(), '1990-01-01', `2001:db8:5:9:${(i + 1).toString(16)}::1`)),
  );
  rows.push(['45 addresses of one IPv6 /64 at once', 'answered (not 429)', String(v6.filter((a) => a.status !== 429).length), '≤ 30']);

  const flooder = ip();
  await Promise.all(Array.from({ length: 400 }, () => check(unissued(), '1990-01-01', flooder)));
  rows.push([
    'a fresh address after one client sent 400 at once',
    'its answer',
    String((await check(unissued(), '1990-01-01')).status),
    '200',
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
    `${flood.filter((a) => a.status === 303).length}; ${flood.filter((a) => a.status >= 500).length}`,
    '≤ 3; 0',
  ]);

  const cross = await register(person(), { Origin: 'https://calo.example' });
  rows.push(['a registration posted from another site', 'answer', String(cross.status), '403']);
  table('Abuse: storms sent at the same instant (npm run bench:abuse)', ['storm', 'measure', 'result', 'target'], rows);

  // Timing by path, wrong birth dates only (what a guesser sees), fresh addresses, 5 in flight.
  const waiting = person();
  const waitingRef = refOf((await register(waiting)).location);
  const delivered = person();
  const deliveredRef = refOf((await register(delivered)).location);
  await drainOutbox(airtableClientFromEnv()!, { budgetMs: 60_000 });
  // The waiting one was delivered too: register another to keep one in the outbox.
  const outboxRef = refOf((await register(person())).location);
  const timing: string[][] = [];
  for (const [path, ref] of [
    ['never issued', () => unissued()],
    ['waiting in the outbox', () => outboxRef],
    ['delivered (cache)', () => deliveredRef],
  ] as const) {
    const ms: number[] = [];
    for (let i = 0; i < 40; i += 5)
      ms.push(...(await Promise.all(Array.from({ length: 5 }, (_, j) => check(ref(), wrong(i + j))))).map((a) => a.ms));
    timing.push([path, pct(ms, 50).toFixed(1), pct(ms, 90).toFixed(1)]);
  }
  void waitingRef;
  table(
    'Status check timing of a wrong birth date, by path (40 each; a floor of 250 ms hides the paths)',
    ['path', 'median ms', 'p90 ms'],
    timing,
  );

  // Expiry: whole buckets, however full.
  const s = store('limits');
  const started = performance.now();
  await Promise.all(Array.from({ length: 2000 }, (_, i) => takeSlot(s, `client/2000010100/bench${i % 400}`, 30)));
  const filled = performance.now() - started;
  const t0 = performance.now();
  const done = await expireBuckets(s, 'client', '2000010101');
  const secs = (performance.now() - t0) / 1000;
  print(
    `\nExpiry: ${done.deleted} counter keys of a past hour deleted in ${secs.toFixed(1)} s (${Math.round(done.deleted / secs)} keys/s; filling took ${(filled / 1000).toFixed(1)} s).`,
  );
});
