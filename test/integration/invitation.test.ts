import ICAL from 'ical.js';
import { parse } from 'node-html-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { COLUMNS, INVITATION_COLUMNS as INV } from '../../src/delivery/airtable-fields';
import { eraseEverywhere } from '../../src/delivery/erase';
import { LETTER_ALPHABET } from '../../src/delivery/invitation';
import { readLetter } from '../../src/delivery/letter-index';
import { receiptToken } from '../../src/server/keys';
import { STATUS_CALLS } from '../../src/status/check';
import { renderVerifyAnswer } from '../../src/status/letter-html';
import { LETTER_LIMITS } from '../../src/status/letter-limits';
import { verifyLetter } from '../../src/status/letter-verify';
import { type Person, person } from '../../tools/people';
import { BASE_ID, startRegistrationEnv, TABLE } from '../../tools/registration-env';
import { drainAll, testClient } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// Selection day end to end: staff set an invitation in the Airtable stand-in (through its HTTP API, as
// Airtable's own interface would store it), the person sees it through their own link and the status
// check, prints the letter and imports the calendar file, and anyone verifies the letter's code.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let address = 0;
const nextIp = () => `198.51.100.${++address % 250}`;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());
afterEach(() => {
  delete process.env.STATUS_CACHE_MINUTES;
});

const register = async (p: Person = person()) => {
  const res = await fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(p),
  });
  return ((await res.json()) as { reference: string }).reference;
};
const deliver = () => drainAll();
const airtableCalls = async () => (await env.standin.requests()).filter((r) => r.path.startsWith('/v0/app')).length;

/** What staff type in Airtable, stored through the stand-in's API (dates as Airtable stores them: the instant). */
async function staffSet(reference: string, fields: Record<string, unknown>) {
  const row = (await env.records()).find((r) => r.fields[COLUMNS.reference] === reference)!;
  const res = await fetch(`${env.standin.url}/v0/${BASE_ID}/${encodeURIComponent(TABLE)}`, {
    method: 'PATCH',
    headers: { Authorization: 'Bearer test-token', 'Content-Type': 'application/json' },
    body: JSON.stringify({ records: [{ id: row.id, fields }] }),
  });
  expect(res.status).toBe(200);
}

/** Reads again now (as after the cache window), then serves from the cache as usual. */
async function afterCacheWindow<T>(f: () => Promise<T>): Promise<T> {
  process.env.STATUS_CACHE_MINUTES = '0';
  try {
    return await f();
  } finally {
    delete process.env.STATUS_CACHE_MINUTES;
  }
}

const owner = (ref: string) => `?ref=${ref}&t=${receiptToken(ref)}`;
const paths = {
  receipt: { id: '/daftar/terima-kasih/', en: '/en/register/thank-you/' },
  letter: { id: '/daftar/undangan/', en: '/en/register/invitation/' },
  calendar: { id: '/daftar/undangan/undangan-seleksi.ics', en: '/en/register/invitation/selection.ics' },
  verify: { id: '/cek-surat/', en: '/en/verify-letter/' },
};

async function get(path: string) {
  const res = await fetch(`${env.site.url}${path}`);
  const html = await res.text();
  const main = parse(html).querySelector('main');
  return { status: res.status, html, main, text: main?.text.replace(/\s+/g, ' ') ?? '' };
}

async function letterOf(ref: string, lang: 'id' | 'en' = 'id') {
  const page = await get(`${paths.letter[lang]}${owner(ref)}`);
  const code = page.main?.querySelector('#letter-code')?.text.replace('-', '');
  return { ...page, code };
}

async function verify(code: string, { ip = nextIp(), lang = 'id' as 'id' | 'en' } = {}) {
  const res = await fetch(`${env.site.url}${paths.verify[lang]}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': ip },
    body: new URLSearchParams({ kode: code }),
  });
  const html = await res.text();
  const main = parse(html).querySelector('main');
  return { status: res.status, html, h1: main?.querySelector('h1')?.text.trim(), text: main?.text.replace(/\s+/g, ' ') ?? '' };
}

/** Registered, delivered, invited ten days from now, unless said otherwise. */
async function invited(p: Person = person(), fields: Record<string, unknown> = {}) {
  const ref = await register(p);
  await deliver();
  await staffSet(ref, {
    [COLUMNS.status]: 'Seleksi',
    [INV.at]: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    [INV.place]: 'Aula Disnakertrans Kota Serang\nJl. Contoh No. 1',
    [INV.bring]: 'KTP asli dan ijazah',
    [INV.contact]: 'Ibu Rina, meja seleksi',
    ...fields,
  });
  return ref;
}

/** A code of the right form that no letter has. */
const forged = () => Array.from({ length: 10 }, () => LETTER_ALPHABET[Math.floor(Math.random() * 31)]).join('');

describe('an invitation staff set in Airtable', () => {
  it('shows through the receipt link with the stage — in WIB, in words — after one Airtable read, and in the status check', async () => {
    const p = person();
    const ref = await invited(p, { [INV.at]: '2030-01-14T02:00:00.000Z' });
    const calls = await airtableCalls();
    const receipt = await afterCacheWindow(() => get(`${paths.receipt.id}${owner(ref)}`));
    expect(await airtableCalls()).toBe(calls + 1);
    const card = receipt.main!.querySelector('.invitation')!;
    expect(card.querySelector('h2')?.text).toBe('Undangan seleksi');
    const facts = Object.fromEntries(card.querySelectorAll('dt').map((dt) => [dt.text, dt.nextElementSibling?.text]));
    expect(facts).toEqual({
      Waktu: 'Senin, 14 Januari 2030, pukul 09.00 WIB',
      Tempat: 'Aula Disnakertrans Kota Serang\nJl. Contoh No. 1',
      'Yang perlu dibawa': 'KTP asli dan ijazah',
      'Tanyakan kepada': 'Ibu Rina, meja seleksi',
    });
    expect(card.querySelector('dd br')).not.toBeNull();
    // The owner's links: the letter and the calendar file, with the reference and the token only.
    const hrefs = card.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining([`${paths.letter.id}${owner(ref)}`, `${paths.calendar.id}${owner(ref)}`]));
    // Viewing again costs no Airtable call: the same cache as the status.
    await get(`${paths.receipt.id}${owner(ref)}`);
    await letterOf(ref);
    expect(await airtableCalls()).toBe(calls + 1);

    // The status check's answer shows it too, without the owner's links.
    const [y, m, d] = p.birthDate.split('-');
    const res = await fetch(`${env.site.url}/api/cek-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': nextIp() },
      body: new URLSearchParams({ lang: 'en', reference: ref, 'birthDate-day': d!, 'birthDate-month': m!, 'birthDate-year': y! }),
    });
    const status = parse(await res.text()).querySelector('main')!;
    expect(status.querySelector('.invitation dd')?.text).toBe('Monday, 14 January 2030, at 09:00 WIB (Western Indonesia Time)');
    expect(status.querySelector(`.invitation a[href*="t="]`)).toBeNull();
    expect(status.text).toContain('personal link');
  });

  it('the calendar file parses (ical.js) with the right instant and zone; only the owner link gets it', async () => {
    const ref = await invited(person(), { [INV.at]: '2030-02-05T01:30:00.000Z' });
    const res = await afterCacheWindow(() => fetch(`${env.site.url}${paths.calendar.en}${owner(ref)}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="selection-${ref}.ics"`);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!), 'Asia/Jakarta');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-02-05T01:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('Asia/Jakarta');
    expect(event.location).toBe('Aula Disnakertrans Kota Serang\nJl. Contoh No. 1');
    // Without the token, with another's token, or for an unknown reference: the same 404.
    for (const wrong of [`?ref=${ref}`, `?ref=${ref}&t=${receiptToken('SRG-22222A')}`, `?ref=SRG-22222A&t=${receiptToken('SRG-22222A')}`]) {
      expect((await fetch(`${env.site.url}${paths.calendar.en}${wrong}`)).status).toBe(404);
    }
  });

  it('a registration without an invitation has no letter; a reference without its token gets the neutral page', async () => {
    const ref = await register();
    expect((await letterOf(ref)).main?.querySelector('h1')?.text).toBe('Belum ada undangan seleksi');
    const stranger = await get(`${paths.letter.id}?ref=${ref}`);
    expect(stranger.status).toBe(404);
    expect(stranger.main?.querySelector('h1')?.text).toBe('Nomor pendaftaran tidak dikenal');
  });
});

describe("the letter's code, verified by anyone", () => {
  it('genuine: date, place, the reference partly hidden and the initials — nothing more personal, in both languages', async () => {
    const p = person({ fullName: 'Siti Contoh Rahayu' });
    const ref = await invited(p, { [INV.at]: '2030-01-14T02:00:00.000Z' });
    const letter = await afterCacheWindow(() => letterOf(ref));
    expect(letter.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(letter.main!.querySelector('.letter__qr svg')).not.toBeNull();
    const spy = vi.spyOn(console, 'log');
    const answer = await verify(letter.code!);
    const logged = spy.mock.calls.map((c) => c.join(' ')).join('\n');
    spy.mockRestore();
    expect(answer.status).toBe(200);
    expect(answer.h1).toBe('Surat ini asli');
    expect(answer.text).toContain(`${ref.slice(0, 6)}••${ref.slice(8)}`);
    expect(answer.text).toContain('S. C. R.');
    expect(answer.text).toContain('Senin, 14 Januari 2030, pukul 09.00 WIB');
    expect(answer.text).toContain('Aula Disnakertrans Kota Serang');
    for (const personal of [ref, p.fullName, p.nik, p.birthDate, p.phone, 'KTP asli dan ijazah', 'Ibu Rina'])
      expect(answer.html).not.toContain(personal);
    // The code is never logged, nor the reference.
    expect(logged).not.toContain(letter.code);
    expect(logged).not.toContain(ref);
    expect((await verify(letter.code!, { lang: 'en' })).h1).toBe('This letter is genuine');
  });

  it('a forged or altered code is refused, with the same page and the same store reads as for a genuine one', async () => {
    const ref = await invited();
    const { code } = await afterCacheWindow(() => letterOf(ref));
    const altered = (code!.slice(0, 9) + LETTER_ALPHABET[(LETTER_ALPHABET.indexOf(code![9]!) + 1) % 31]).toString();
    const reads = async (c: string) => {
      env.blobRequests.length = 0;
      const answer = await verify(c);
      return { answer, reads: env.blobRequests.filter((r) => r.type === 'get' || r.type === 'getMetadata').length };
    };
    const genuine = await reads(code!);
    const bad = await reads(altered);
    const made = await reads(forged());
    expect(genuine.answer.h1).toBe('Surat ini asli');
    for (const r of [bad, made]) {
      expect(r.answer.status).toBe(200);
      expect(r.answer.h1).toBe('Surat ini tidak berlaku');
      expect(r.answer.text).toContain('SP4N-LAPOR!');
      expect(r.answer.text).toContain('Jangan bayar');
    }
    expect(bad.answer.html).toBe(made.answer.html);
    expect(bad.reads).toBe(genuine.reads);
    expect(made.reads).toBe(genuine.reads);
    // No Airtable call for a wrong code, ever.
    const calls = await airtableCalls();
    await afterCacheWindow(() => verify(forged()));
    expect(await airtableCalls()).toBe(calls);
  });

  it('a changed invitation shows "Undangan diubah"; the old letter stops verifying and the new one verifies', async () => {
    const ref = await invited();
    const old = (await afterCacheWindow(() => letterOf(ref))).code!;
    await staffSet(ref, { [INV.place]: 'Gedung Juang, ruang 2' });
    const receipt = await afterCacheWindow(() => get(`${paths.receipt.id}${owner(ref)}`));
    expect(receipt.main!.querySelector('.invitation__changed')?.text).toContain('Undangan diubah');
    expect(receipt.text).toContain('Gedung Juang, ruang 2');
    expect(await readLetter(old)).toBeUndefined();
    expect((await verify(old)).h1).toBe('Surat ini tidak berlaku');
    const renewed = await letterOf(ref);
    expect(renewed.code).not.toBe(old);
    expect(renewed.main!.querySelector('.letter__changed')).not.toBeNull();
    expect((await verify(renewed.code!)).h1).toBe('Surat ini asli');
  });

  it('a cancelled invitation shows "Undangan dibatalkan", has no letter nor calendar file, and its code no longer verifies', async () => {
    const ref = await invited();
    const { code } = await afterCacheWindow(() => letterOf(ref));
    await staffSet(ref, { [INV.cancelled]: true });
    const receipt = await afterCacheWindow(() => get(`${paths.receipt.id}${owner(ref)}`));
    expect(receipt.main!.querySelector('.invitation--cancelled h2')?.text).toBe('Undangan dibatalkan');
    expect((await letterOf(ref)).main?.querySelector('h1')?.text).toBe('Belum ada undangan seleksi');
    expect((await fetch(`${env.site.url}${paths.calendar.id}${owner(ref)}`)).status).toBe(404);
    expect((await verify(code!)).h1).toBe('Surat ini tidak berlaku');
    // Withdrawn (staff emptied it): the same notice.
    await staffSet(ref, { [INV.cancelled]: false, [INV.at]: null, [INV.place]: null });
    const after = await afterCacheWindow(() => get(`${paths.receipt.id}${owner(ref)}`));
    expect(after.main!.querySelector('.invitation--cancelled h2')?.text).toBe('Undangan dibatalkan');
  });

  it('a code stops verifying 30 days after its selection day; erasure removes it', async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const ref = await invited(person(), { [INV.at]: at });
    const { code } = await afterCacheWindow(() => letterOf(ref));
    const opts = { airtable: testClient(STATUS_CALLS), floorMs: 0 };
    const day = (n: number) => Date.parse(at) + n * 86_400_000;
    expect((await verifyLetter(code!, { ...opts, ip: nextIp(), now: day(29) })).kind).toBe('genuine');
    // Past its time the code reads as one never issued: no Airtable call though the cache is old by then.
    const calls = await airtableCalls();
    expect((await verifyLetter(code!, { ...opts, ip: nextIp(), now: day(31) })).kind).toBe('unknown');
    expect(await airtableCalls()).toBe(calls);
    await eraseEverywhere(ref);
    expect(await readLetter(code!)).toBeUndefined();
    expect((await verifyLetter(code!, { ...opts, ip: nextIp() })).kind).toBe('unknown');
  });

  it('a QR link (GET ?kode=) fills the form in for one press, reading no store', async () => {
    const code = forged();
    env.blobRequests.length = 0;
    const page = await get(`${paths.verify.id}?kode=${code}`);
    expect(env.blobRequests).toEqual([]);
    expect(page.status).toBe(200);
    expect(page.main!.querySelector('input[name="kode"]')?.getAttribute('value')).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    expect(page.main!.querySelector('form')?.getAttribute('method')).toBe('post');
    expect(page.text).toContain('Tekan Periksa surat');
  });

  it('refuses a malformed code with a clear message (422), without counting it', async () => {
    const answer = await verify('7K4QP-XR2MO');
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('tanpa O, I, L, 0 atau 1');
  });
});

describe('the limits under 100 simultaneous verifications', () => {
  it(`from one address: ${LETTER_LIMITS.wrongPerClientPerDay} wrong codes are answered, the rest refused; a genuine code after that is refused too`, async () => {
    const ref = await invited();
    const { code } = await afterCacheWindow(() => letterOf(ref));
    const ip = '203.0.113.91';
    const answers = await Promise.all(Array.from({ length: 100 }, () => verify(forged(), { ip })));
    const counts = answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 200: LETTER_LIMITS.wrongPerClientPerDay, 429: 100 - LETTER_LIMITS.wrongPerClientPerDay });
    expect((await verify(code!, { ip })).status).toBe(429);
    // Another address is not shut out.
    expect((await verify(code!)).h1).toBe('Surat ini asli');
  });

  it('genuine codes are not wrong tries: one address checks a real letter until its hourly limit', async () => {
    const ref = await invited();
    const { code } = await afterCacheWindow(() => letterOf(ref));
    const ip = '203.0.113.92';
    const answers = [];
    for (let i = 0; i < LETTER_LIMITS.perClientPerHour + 2; i++) answers.push(await verify(code!, { ip }));
    expect(answers.slice(0, LETTER_LIMITS.perClientPerHour).every((a) => a.h1 === 'Surat ini asli')).toBe(true);
    expect(answers.slice(LETTER_LIMITS.perClientPerHour).map((a) => a.status)).toEqual([429, 429]);
  });

  it('from 100 addresses at once: the global limit holds exactly', async () => {
    const now = Date.parse('2026-11-29T11:00:00Z');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        verifyLetter(forged(), { airtable: undefined, ip: `10.7.${i >> 8}.${i & 255}`, now, floorMs: 0, limits: { perMinute: 40 } }),
      ),
    );
    expect(answers.filter((a) => a.kind === 'unknown')).toHaveLength(40);
    expect(answers.filter((a) => a.kind === 'limited' && a.scope === 'global')).toHaveLength(60);
  });

  it("a full global limit is told as everyone's wait of a minute, not as this connection's fault, and warns against paying", () => {
    const everyone = renderVerifyAnswer('id', { kind: 'limited', scope: 'global' });
    const own = renderVerifyAnswer('id', { kind: 'limited', scope: 'client' });
    expect(everyone).toContain('satu menit');
    expect(everyone).toContain('jangan membayar');
    expect(everyone).not.toContain('sambungan Anda');
    expect(own).toContain('sambungan Anda');
    expect(renderVerifyAnswer('en', { kind: 'limited', scope: 'global' })).toContain('in a minute');
  });
});

describe("the letters' store and counters expire", () => {
  it('codes past their day go whole days at a time, with their markers; current ones stay', async () => {
    const { getStore } = await import('@netlify/blobs');
    const { expireLetters, indexLetter } = await import('../../src/delivery/letter-index');
    const now = Date.parse('2026-11-29T10:30:00Z');
    await indexLetter('OLDCODE234', { reference: 'SRG-OLDAAA', fingerprint: 'fp-old', until: now - 2 * 86_400_000 });
    await indexLetter('NEWCODE234', { reference: 'SRG-NEWAAA', fingerprint: 'fp-new', until: now + 86_400_000 });
    const store = getStore({ name: 'invitation-letters', consistency: 'strong' });
    const keys = async (prefix: string) => (await store.list({ prefix })).blobs.map((b) => b.key);
    expect(await expireLetters(now, Date.now() - 1)).toMatchObject({ unfinished: true });
    expect((await expireLetters(now)).unfinished).toBe(false);
    expect(await readLetter('OLDCODE234')).toBeUndefined();
    expect(await keys('ref/SRG-OLDAAA/')).toEqual([]);
    expect(await keys('until/20261127/')).toEqual([]);
    expect(await readLetter('NEWCODE234')).toMatchObject({ reference: 'SRG-NEWAAA' });
    expect(await keys('ref/SRG-NEWAAA/')).toEqual(['ref/SRG-NEWAAA/NEWCODE234']);
  });

  it('verification counters of past hours, minutes and days go; the current ones stay', async () => {
    const { getStore } = await import('@netlify/blobs');
    const { VerificationCount, expireLetterLimits } = await import('../../src/status/letter-limits');
    const now = Date.parse('2026-10-15T10:30:00Z');
    expect(await new VerificationCount('192.0.2.10', now - 86_400_000).take()).toBeUndefined();
    expect(await new VerificationCount('192.0.2.11', now).take()).toBeUndefined();
    const store = getStore({ name: 'status-limits', consistency: 'strong' });
    const keys = async (prefix: string) => (await store.list({ prefix })).blobs.map((b) => b.key);
    expect((await expireLetterLimits(now)).unfinished).toBe(false);
    expect(await keys('letter-client/2026101410/')).toEqual([]);
    expect(await keys('letter-wrong/20261014/')).toEqual([]);
    expect(await keys('letter-client/2026101510/')).toHaveLength(1);
    expect(await keys('letter-wrong/20261015/')).toHaveLength(1);
    expect((await keys('letter-all/')).every((k) => k >= 'letter-all/202610151030')).toBe(true);
  });
});
