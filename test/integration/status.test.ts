import { parse } from 'node-html-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Budget } from '../../src/delivery/airtable-budget';
import { COLUMNS } from '../../src/delivery/airtable-fields';
import { forgetCachedStatus } from '../../src/delivery/status-cache';
import { receiptToken } from '../../src/server/keys';
import { checkStatus, STATUS_CALLS } from '../../src/status/check';
import { LIMITS } from '../../src/status/limits';
import { clientAddress, type Person, person, statusCheckBody } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { drainAll, testClient } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// The status check end to end: the function behind /cek-status/, the outbox, the cache and the
// Airtable stand-in. Each test sends from its own client address, as people do.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let address = 0;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());
afterEach(() => {
  delete process.env.STATUS_CACHE_MINUTES;
  env.setConfig({});
});

const register = async (p: Person = person(), extra: Record<string, unknown> = {}) => {
  const res = await fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
    body: JSON.stringify({ ...p, ...extra }),
  });
  return ((await res.json()) as { reference: string }).reference;
};
const deliver = () => drainAll();
/** A well-formed reference no one was given, a different one each time (so no reference lock interferes). */
const A = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const unissued = (i: number) => `SRG-QQ${A[(i >> 15) & 31]}${A[(i >> 10) & 31]}${A[(i >> 5) & 31]}${A[i & 31]}`;
const airtableCalls = async () => (await env.standin.requests()).filter((r) => r.path.startsWith('/v0/app')).length;

/** The form as a person posts it: the birth date in three fields, no leading zeros. */
async function check(reference: string, birthDate: string, { ip = `198.51.100.${++address % 250}`, lang = 'id' } = {}) {
  const body = statusCheckBody(reference, birthDate, { lang });
  const res = await fetch(`${env.site.url}/api/cek-status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': ip },
    body,
  });
  const html = await res.text();
  const main = parse(html).querySelector('main');
  return {
    status: res.status,
    html,
    h1: main?.querySelector('h1')?.text.trim(),
    stage: main?.querySelector('#stage-title')?.text.trim(),
    text: main?.text ?? '',
  };
}

describe('the status check', () => {
  it('received (from the outbox, no Airtable call), then from Airtable once, then from the cache; a new stage shows after the cache window', async () => {
    const p = person();
    const ref = await register(p);
    const before = await airtableCalls();
    const waiting = await check(ref, p.birthDate);
    expect(waiting).toMatchObject({ status: 200, h1: `Status pendaftaran ${ref}`, stage: 'Diterima, menunggu diperiksa' });
    expect(waiting.text).toContain('Tahap 1 dari 5');
    expect(await airtableCalls()).toBe(before);

    // Delivery leaves the answer it knows ("Baru") in the cache: still no Airtable call.
    await deliver();
    const afterDelivery = await airtableCalls();
    expect((await check(ref, p.birthDate)).stage).toBe('Diterima, menunggu diperiksa');
    expect(await airtableCalls()).toBe(afterDelivery);

    // A staff member moves the row on in Airtable.
    const row = (await env.records()).find((r) => r.fields[COLUMNS.reference] === ref)!;
    await env.editRecord(row.id, { [COLUMNS.status]: 'Seleksi' });
    expect((await check(ref, p.birthDate)).stage).toBe('Diterima, menunggu diperiksa');
    expect(await airtableCalls()).toBe(afterDelivery);
    // After the cache window: one call, the new stage; then served from the cache again.
    process.env.STATUS_CACHE_MINUTES = '0';
    const moved = await check(ref, p.birthDate);
    expect(moved.stage).toBe('Mengikuti seleksi');
    expect(moved.text).toContain('Tahap 3 dari 5');
    expect(moved.text).toMatch(/Status per \d{1,2} \w+ \d{4}/);
    expect(await airtableCalls()).toBe(afterDelivery + 1);
    delete process.env.STATUS_CACHE_MINUTES;
    expect((await check(ref, p.birthDate)).stage).toBe('Mengikuti seleksi');
    expect(await airtableCalls()).toBe(afterDelivery + 1);
    // Nothing personal on the page.
    for (const value of [p.fullName, p.nik, p.phone, p.phone.slice(1)]) expect(moved.html).not.toContain(value);
  });

  it('an unknown reference and a wrong birth date get the same answer, and neither costs an Airtable call once cached', async () => {
    const p = person();
    const ref = await register(p);
    await deliver();
    const calls = await airtableCalls();
    const wrongDate = await check(ref, '1990-01-01');
    const unknown = await check('SRG-ZZZZZZ', p.birthDate);
    expect(wrongDate.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(wrongDate.h1).toBe('Data tidak ditemukan');
    expect(wrongDate.html.replaceAll(ref, 'REF')).toBe(unknown.html.replaceAll('SRG-ZZZZZZ', 'REF'));
    expect(await airtableCalls()).toBe(calls);
    // While still in the outbox, a wrong date answers the same too.
    const waiting = await register();
    expect((await check(waiting, '1990-01-01')).h1).toBe('Data tidak ditemukan');
  });

  it('accepts the reference as people type it, and refuses an empty or malformed form with a clear message', async () => {
    const p = person();
    const ref = await register(p);
    expect((await check(`  ${ref.toLowerCase().replace('-', ' ')} `, p.birthDate)).stage).toBe('Diterima, menunggu diperiksa');
    expect((await check(ref.slice(4), p.birthDate)).stage).toBe('Diterima, menunggu diperiksa');
    const res = await fetch(`${env.site.url}/api/cek-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reference=SRG-1&birthDate-day=31&birthDate-month=2&birthDate-year=1999',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Nomor pendaftaran terdiri dari SRG- dan 6 huruf atau angka');
    expect(html).toContain('Tanggal lahir harus tanggal yang benar');
    expect(html).toMatch(/<title>Kesalahan: /);
    // A reload or a bookmark of the answer goes back to the form.
    const get = await fetch(`${env.site.url}/api/cek-status?lang=en`, { redirect: 'manual' });
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe('/en/check-status/');
  });

  it('in English too', async () => {
    const p = person();
    const ref = await register(p);
    const en = await check(ref, p.birthDate, { lang: 'en' });
    expect(en).toMatchObject({ h1: `Status of registration ${ref}`, stage: 'Received, waiting to be reviewed' });
  });

  it('a reference checked with too many wrong dates is locked, for the right date too, answered exactly as a never-issued one (which points to the receipt link)', async () => {
    const p = person();
    const ref = await register(p);
    for (let i = 0; i < LIMITS.failuresPerReference; i++) await check(ref, `1990-01-${String(i + 1).padStart(2, '0')}`);
    const locked = await check(ref, p.birthDate);
    expect(locked.status).toBe(200);
    expect(locked.h1).toBe('Data tidak ditemukan');
    expect(locked.text).toContain('tautan pribadi');
    const never = await check('SRG-YYYYYY', p.birthDate);
    expect(never.html.replaceAll('SRG-YYYYYY', 'REF')).toBe(locked.html.replaceAll(ref, 'REF'));
  });

  it('one address may check 5 times a minute and 30 times an hour', async () => {
    // checkStatus with the time it is told, so the minutes and the hour are the test's own.
    const minute = Date.parse('2026-11-29T09:00:00Z');
    const burst = [];
    for (let i = 0; i <= LIMITS.perClientPerMinute; i++)
      burst.push(
        (await checkStatus(unissued(2000 + i), '1990-01-01', { airtable: undefined, ip: '203.0.113.77', now: minute, floorMs: 0 })).kind,
      );
    expect(burst).toEqual([...Array(LIMITS.perClientPerMinute).fill('nomatch'), 'limited']);
    const hour = Date.parse('2026-11-29T08:00:00Z');
    const kinds = [];
    for (let i = 0; i <= LIMITS.perClientPerHour; i++) {
      const now = hour + Math.floor(i / LIMITS.perClientPerMinute) * 60_000;
      kinds.push((await checkStatus(unissued(3000 + i), '1990-01-01', { airtable: undefined, ip: '203.0.113.78', now, floorMs: 0 })).kind);
    }
    expect(kinds.slice(0, LIMITS.perClientPerHour).every((k) => k === 'nomatch')).toBe(true);
    expect(kinds.at(-1)).toBe('limited');
  });

  it('one /48 may check 10 times a minute and 60 times an hour, whatever its /64s', async () => {
    const hour = Date.parse('2026-11-29T07:00:00Z');
    const kinds = [];
    for (let i = 0; i <= LIMITS.perNetworkPerHour; i++) {
      const now = hour + Math.floor(i / LIMITS.perNetworkPerMinute) * 60_000;
      const ip = `2001:db8:4800:${(i + 1).toString(16)}::1`;
      kinds.push((await checkStatus(unissued(4000 + i), '1990-01-01', { airtable: undefined, ip, now, floorMs: 0 })).kind);
    }
    expect(kinds.slice(0, LIMITS.perNetworkPerHour).every((k) => k === 'nomatch')).toBe(true);
    expect(kinds.at(-1)).toBe('limited');
    // Within a minute: its share, then refused; another /48 is not.
    const minute = Date.parse('2026-11-29T06:00:00Z');
    const burst = [];
    for (let i = 0; i <= LIMITS.perNetworkPerMinute; i++)
      burst.push(
        (
          await checkStatus(unissued(5000 + i), '1990-01-01', {
            airtable: undefined,
            ip: `2001:db8:4801:${i + 1}::1`,
            now: minute,
            floorMs: 0,
          })
        ).kind,
      );
    expect(burst).toEqual([...Array(LIMITS.perNetworkPerMinute).fill('nomatch'), 'limited']);
    expect(
      (await checkStatus(unissued(5100), '1990-01-01', { airtable: undefined, ip: '2001:db8:4802::1', now: minute, floorMs: 0 })).kind,
    ).toBe('nomatch');
  });

  it('all addresses together may check 300 times a minute', async () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    const answers = [];
    for (let i = 0; i <= LIMITS.perMinute; i++)
      answers.push(
        (await checkStatus(unissued(1000 + i), '1990-01-01', { airtable: undefined, ip: `10.1.${i >> 8}.${i & 255}`, now, floorMs: 0 }))
          .kind,
      );
    expect(answers.slice(0, LIMITS.perMinute).every((k) => k === 'nomatch')).toBe(true);
    expect(answers.at(-1)).toBe('limited');
  });

  it('under a crowd (no Airtable slot): the last answer with its time, or "busy" when there is none', async () => {
    const p = person();
    const ref = await register(p);
    await deliver();
    await forgetCachedStatus(ref);
    const noSlot: Budget = { take: async () => false };
    const airtable = testClient(STATUS_CALLS);
    const crowded = testClient({ ...STATUS_CALLS, budget: noSlot });
    expect(await checkStatus(ref, p.birthDate, { airtable: crowded, ip: '10.9.0.1' })).toEqual({ kind: 'busy' });
    const read = await checkStatus(ref, p.birthDate, { airtable, ip: '10.9.0.2' });
    expect(read).toMatchObject({ kind: 'stage', status: 'Baru', source: 'airtable' });
    const stale = await checkStatus(ref, p.birthDate, { airtable: crowded, ip: '10.9.0.3', cacheMs: 0 });
    expect(stale).toMatchObject({ kind: 'stage', status: 'Baru', source: 'stale', asOf: (read as { asOf: number }).asOf });
  });

  it('a Deploy Preview knows no registration', async () => {
    const p = person();
    const ref = await register(p);
    const { statusHandler } = await import('../../netlify/functions/status');
    const site = await import('../../src/site-data');
    const [y, m, d] = p.birthDate.split('-');
    const req = new Request(`${env.site.url}/api/cek-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reference: ref, 'birthDate-day': d!, 'birthDate-month': m!, 'birthDate-year': y! }),
    });
    const res = await statusHandler(site.builtSiteData)(req, { deploy: { context: 'deploy-preview' } } as never);
    expect(await res.text()).toContain('Data tidak ditemukan');
  });
});

describe("the status check's counters expire", () => {
  it('hours and minutes that passed, and months before the last, go; the current ones stay', async () => {
    const { getStore } = await import('@netlify/blobs');
    const { CheckCount, expireStatusLimits } = await import('../../src/status/limits');
    const now = Date.parse('2026-11-29T10:30:00Z');
    const hourAgo = now - 3600_000;
    const threeMonthsAgo = Date.parse('2026-08-15T10:00:00Z');
    /** A check's counting, its try kept (a wrong date). */
    const count = async (ip: string, reference: string, at: number) => {
      const c = new CheckCount(ip, reference, at);
      await c.survey();
      await c.takeOwn();
      await c.takeEveryone(false, false);
    };
    await Promise.all(Array.from({ length: 5 }, (_, i) => count(`192.0.2.${i}`, `SRG-HHHAA${i + 2}`, hourAgo)));
    await count('2001:db8:99::1', 'SRG-HHHAAZ', hourAgo);
    await count('192.0.2.200', 'SRG-NEWAAA', now);
    await count('192.0.2.201', 'SRG-OLDAAA', threeMonthsAgo);
    const store = getStore({ name: 'status-limits', consistency: 'strong' });
    const keys = async (prefix: string) => (await store.list({ prefix })).blobs.map((b) => b.key);
    // Out of time before it starts: nothing deleted, and it says so.
    expect(await expireStatusLimits(now, Date.now() - 1)).toEqual({ deleted: 0, unfinished: true });
    const run = await expireStatusLimits(now);
    expect(run.unfinished).toBe(false);
    expect(await keys('client/2026112909/')).toEqual([]);
    expect((await keys('client/2026112910/')).length).toBeGreaterThan(0);
    expect(await keys('ref/202608/')).toEqual([]);
    expect(await keys('ref/202611/SRG-NEWAAA/')).toHaveLength(1);
    expect((await keys('all/')).every((k) => k >= 'all/202611291030')).toBe(true);
    expect((await keys('share/')).every((k) => k >= 'share/202611291030')).toBe(true);
    expect((await keys('share/202611291030/')).length).toBeGreaterThan(0);
  });
});

describe('registering from an official vacancy', () => {
  it('records the vacancy key and SIP number in the "Lowongan" column; an unknown one is not recorded', async () => {
    env.setConfig({
      vacancies: [
        {
          value: 'perawat-lansia-osaka',
          label: { id: 'perawat-lansia-osaka (SIP B.12/SIP/2026)', en: 'perawat-lansia-osaka (SIP B.12/SIP/2026)' },
        },
      ],
    });
    const from = await register(person(), { vacancy: 'perawat-lansia-osaka' });
    const made = await register(person(), { vacancy: 'lowongan-palsu' });
    await deliver();
    const rows = await env.records();
    const row = (ref: string) => rows.find((r) => r.fields[COLUMNS.reference] === ref)!;
    expect(row(from).fields.Lowongan).toBe('perawat-lansia-osaka (SIP B.12/SIP/2026)');
    expect(row(made).fields.Lowongan).toBeUndefined();
  });
});

describe('the receipt worth keeping', () => {
  it('shows the date, the stage, the status-check address and the personal link, and a WhatsApp message with only the reference and those addresses', async () => {
    const p = person();
    const ref = await register(p);
    const link = `${env.site.url}/daftar/terima-kasih/?ref=${ref}&t=${receiptToken(ref)}`;
    const html = await (await fetch(link)).text();
    const main = parse(html).querySelector('main')!;
    expect(main.querySelector('.receipt__date')?.text).toMatch(/^Didaftarkan \d{1,2} \w+ \d{4}/);
    expect(main.querySelector('a.receipt__url')?.text).toBe(`${env.site.url}/cek-status/`);
    expect(main.querySelector('.receipt__link')?.text).toBe(link);
    expect(main.querySelector('#stage-title')?.text).toBe('Diterima, menunggu diperiksa');
    const wa = main.querySelectorAll('a').find((a) => a.getAttribute('href')?.startsWith('https://wa.me/'))!;
    const message = new URL(wa.getAttribute('href')!).searchParams.get('text');
    expect(message).toBe(
      `Nomor pendaftaran minat kerja luar negeri Kota Serang (bukan tanda diterima kerja): ${ref}. Tautan pribadi untuk melihat tahap (jangan dibagikan): ${link} Cek status dengan tanggal lahir: ${env.site.url}/cek-status/`,
    );
    expect(main.querySelector('a[href="/tahapan/"]')).not.toBeNull();
  });
});
