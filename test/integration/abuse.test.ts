import { getStore } from '@netlify/blobs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LIMITS } from '../../src/status/limits';
import { type Person, person, statusCheckBody, unissuedReferences } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { drainAll } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// The site under the people it exists to stop: every request of a storm is sent at the same instant
// (Promise.all), as a broker's script would, never one after the other.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());

const limits = () => getStore({ name: 'status-limits', consistency: 'strong' });
const unissued = unissuedReferences('ZZ');
let octet = 0;
const freshIp = () => `100.64.${(++octet >> 8) & 255}.${octet & 255}`;

async function register(p: Person = person(), headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': freshIp(), ...headers },
    body: new URLSearchParams(
      Object.entries({ ...p, consent: 'yes', ...extra }).flatMap(([k, v]) =>
        Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]],
      ),
    ),
  });
  return { status: res.status, location: res.headers.get('location') ?? '', html: res.status === 303 ? '' : await res.text() };
}

async function check(reference: string, birthDate: string, ip = freshIp(), headers: Record<string, string> = {}) {
  const res = await fetch(`${env.site.url}/api/cek-status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': ip, ...headers },
    body: statusCheckBody(reference, birthDate),
  });
  const html = await res.text();
  return { status: res.status, html, h1: parse(html).querySelector('main h1')?.text.trim() };
}

const wrongDate = (i: number) => `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
const triesKept = async (ref: string) => (await limits().list({ prefix: 'ref/' })).blobs.filter((b) => b.key.includes(`/${ref}/`)).length;

describe('status-check limits hold under simultaneous requests', () => {
  it('100 wrong birth dates at once for one real reference, from 100 addresses: at most 10 compared; then it answers as an unknown reference', async () => {
    const p = person();
    const { location } = await register(p);
    const ref = new URL(location, env.site.url).searchParams.get('ref')!;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => check(ref, wrongDate(i))));
    expect(answers.every((a) => a.status === 200 && a.h1 === 'Data tidak ditemukan')).toBe(true);
    expect(await triesKept(ref)).toBe(LIMITS.failuresPerReference);
    // The right date is not compared any more, and the page is a never-issued reference's page.
    const owner = await check(ref, p.birthDate);
    const never = await check('SRG-YYYYY2', p.birthDate);
    expect(owner.html.replaceAll(ref, 'REF')).toBe(never.html.replaceAll('SRG-YYYYY2', 'REF'));
  });

  // Under a storm from one client, a check passes only with all its client's slots; one that loses a
  // race for one gives the others back, so at most the share passes (a few fewer when races are lost).
  const withinShare = (answered: number, share: number) => answered >= 1 && answered <= share;

  it('one address sending 60 checks at once: its share of the minute answered, the rest refused', async () => {
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 60 }, () => check(unissued(), '1990-01-01', ip)));
    const answered = answers.filter((a) => a.status === 200).length;
    expect(withinShare(answered, LIMITS.perClientPerMinute)).toBe(true);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(60 - answered);
  });

  it('45 addresses of one IPv6 /64 are one client: its share answered', async () => {
    const answers = await Promise.all(
      Array.from({ length: 45 }, (_, i) => check(unissued(), '1990-01-01', `2001:db8:77:1:${(i + 1).toString(16)}::${i + 7}`)),
    );
    expect(withinShare(answers.filter((a) => a.status === 200).length, LIMITS.perClientPerMinute)).toBe(true);
    // Another /64 of the same provider is another client.
    expect((await check(unissued(), '1990-01-01', '2001:db8:77:2::1')).status).toBe(200);
  });

  it('300 /64s of one /48 at once (a tunnel): the /48’s share answered, and a fresh address still is', async () => {
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => check(unissued(), '1990-01-01', `2001:db8:48:${(i + 1).toString(16)}::1`)),
    );
    expect(withinShare(answers.filter((a) => a.status === 200).length, LIMITS.perNetworkPerMinute)).toBe(true);
    expect((await check(unissued(), '1990-01-01')).status).toBe(200);
  });

  it('one client flooding (100 at once) does not close the check for a fresh address', async () => {
    const ip = freshIp();
    await Promise.all(Array.from({ length: 100 }, () => check(unissued(), '1990-01-01', ip)));
    const fresh = await check(unissued(), '1990-01-01');
    expect(fresh.status).toBe(200);
    expect(fresh.h1).toBe('Data tidak ditemukan');
  });
});

describe('the owner keeps a way in', () => {
  it('after a stranger’s 60 wrong guesses at once, the receipt link shows the stage; staff can clear the lock', async () => {
    const p = person();
    const { location } = await register(p);
    const ref = new URL(location, env.site.url).searchParams.get('ref')!;
    await Promise.all(Array.from({ length: 60 }, (_, i) => check(ref, wrongDate(i))));
    expect((await check(ref, p.birthDate)).h1).toBe('Data tidak ditemukan');
    const receipt = await fetch(new URL(location, env.site.url));
    const html = await receipt.text();
    expect(receipt.status).toBe(200);
    expect(parse(html).querySelector('#stage-title')?.text.trim()).toBe('Diterima, menunggu diperiksa');
    // The link itself is on the page and in the WhatsApp message.
    expect(html).toContain(new URL(location, env.site.url).href.replaceAll('&', '&amp;'));
    expect(decodeURIComponent(parse(html).querySelector('a[href^="https://wa.me/"]')!.getAttribute('href')!)).toContain(
      new URL(location, env.site.url).searchParams.get('t')!,
    );
    // Delivered too: the same stage, from the cache delivery left.
    await drainAll();
    expect(
      parse(await (await fetch(new URL(location, env.site.url))).text())
        .querySelector('#stage-title')
        ?.text.trim(),
    ).toBe('Diterima, menunggu diperiksa');
    // Staff clear the lock: the right date is answered again.
    const res = await fetch(`${env.site.url}/api/registrations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${process.env.OUTBOX_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'unlock', reference: ref }),
    });
    expect(await res.json()).toMatchObject({ reference: ref, cleared: LIMITS.failuresPerReference });
    expect((await check(ref, p.birthDate)).h1).toBe(`Status pendaftaran ${ref}`);
  });

  it('a reference alone (or with a wrong token) is answered exactly as a never-issued one', async () => {
    const { location } = await register();
    const url = new URL(location, env.site.url);
    const ref = url.searchParams.get('ref')!;
    const page = async (query: string) => {
      const res = await fetch(`${env.site.url}${url.pathname}?${query}`);
      return { status: res.status, html: (await res.text()).replaceAll(/SRG-[A-Z0-9]{6}/g, 'REF') };
    };
    const never = await page('ref=SRG-YYYYY3');
    expect(never.status).toBe(404);
    expect(await page(`ref=${ref}`)).toEqual(never);
    expect(await page(`ref=${ref}&t=${'A'.repeat(22)}`)).toEqual(never);
    expect((await page(url.search.slice(1))).status).toBe(200);
  });
});

describe('one NIK, a few registrations', () => {
  it('30 registrations of one NIK at once from 30 addresses: 3 accepted, the others told why, none 5xx, nothing else stored', async () => {
    const p = person();
    const answers = await Promise.all(Array.from({ length: 30 }, () => register({ ...p })));
    expect(answers.filter((a) => a.status === 303)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 303);
    // Told what to do at the office, never how many registrations the NIK has.
    expect(
      refused.every((a) => a.status === 422 && a.html.includes('Disnakertrans Kota Serang dengan KTP') && !/\b3 pendaftaran/.test(a.html)),
    ).toBe(true);
    expect(answers.some((a) => a.status >= 500)).toBe(false);
  });

  it('a form submitted five times at once (one submission id) is one registration, counted once', async () => {
    const p = person();
    const id = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => register({ ...p }, {}, { submissionId: id })));
    const refs = new Set(answers.map((a) => new URL(a.location, env.site.url).searchParams.get('ref')));
    expect(answers.every((a) => a.status === 303)).toBe(true);
    expect(refs.size).toBe(1);
    // Counted once: two more registrations of the NIK are accepted, the fourth is not.
    expect((await register({ ...p })).status).toBe(303);
    expect((await register({ ...p })).status).toBe(303);
    expect((await register({ ...p })).status).toBe(422);
  });
});

describe('a daily ceiling set in the CMS', () => {
  it('20 registrations at once with a ceiling of 5: 5 accepted, 15 told registration is full today, one alert line', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => {
      lines.push(args.join(' '));
      log(...args);
    };
    try {
      // The ceiling counts today's accepted registrations: earlier tests' ones count too.
      const today = (await limits().list({ prefix: 'day/' })).blobs.length;
      env.setConfig({ dailyLimit: today + 5 });
      const answers = await Promise.all(Array.from({ length: 20 }, () => register()));
      expect(answers.filter((a) => a.status === 303)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 503 && a.html.includes('Pendaftaran hari ini sudah penuh'))).toHaveLength(15);
      expect(lines.filter((l) => l.includes('register.daily_ceiling_reached'))).toHaveLength(1);
    } finally {
      console.log = log;
      env.setConfig({});
    }
  });
});

describe('posts from another site', () => {
  it.each([
    ['Origin of another site', { Origin: 'https://calo.example' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Origin "null" (a sandboxed page)', { Origin: 'null' }],
  ])('%s: a clear 403 page, nothing stored', async (_why, headers) => {
    const before = env.blobRequests.filter((r) => r.type === 'set').length;
    const reg = await register(person(), headers);
    expect(reg.status).toBe(403);
    expect(parse(reg.html).querySelector('main h1')?.text.trim()).toBe('Isi formulir di situs resmi');
    const status = await check(unissued(), '1990-01-01', freshIp(), headers);
    expect(status.status).toBe(403);
    expect(env.blobRequests.filter((r) => r.type === 'set').length).toBe(before);
  });

  it('same-origin posts and posts without those headers (old browsers, scripts) work as before', async () => {
    expect((await register(person(), { Origin: env.site.url, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
    expect((await register(person())).status).toBe(303);
  });
});

describe('erasing the last record of a NIK', () => {
  it('removes the NIK index’s shared marker with it', async () => {
    const index = getStore({ name: 'registration-nik-index', consistency: 'strong' });
    const shared = async () => (await index.list({ prefix: 'nik/' })).blobs.filter((b) => b.key.endsWith('/shared')).map((b) => b.key);
    const earlier = new Set(await shared());
    const p = person();
    const refs = [];
    for (let i = 0; i < 2; i++) refs.push(new URL((await register({ ...p })).location, env.site.url).searchParams.get('ref')!);
    const added = (await shared()).filter((k) => !earlier.has(k));
    expect(added).toHaveLength(1);
    const erase = (reference: string) =>
      fetch(`${env.site.url}/api/registrations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${process.env.OUTBOX_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'erase', reference }),
      });
    await erase(refs[0]!);
    const marker = added[0]!;
    expect(await shared()).toContain(marker);
    await erase(refs[1]!);
    expect(await shared()).not.toContain(marker);
  });
});
