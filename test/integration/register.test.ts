import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { drainOutbox } from '../../src/delivery/drain';
import { honeypotHits } from '../../src/delivery/honeypot-count';
import { resumeDelivery } from '../../src/delivery/pause';
import { HONEYPOT } from '../../src/registration/form-html';
import { REFERENCE_PATTERN } from '../../src/registration/reference';
import { clientAddress, formBody, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { drainAll, testClient, waitingItems, waitingReferences } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  // Airtable's 5 requests/s would defer deliveries between these quick tests; rate limits have their own tests.
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());
beforeEach(async () => {
  await env.standin.heal();
  env.setConfig({});
});

const api = () => `${env.site.url}/api/register`;
const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(api(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress(), ...headers },
    body: JSON.stringify(body),
  });
const postForm = (body: string) =>
  fetch(api(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': clientAddress() },
    body,
    redirect: 'manual',
  });
const recordFor = async (reference: string) => (await env.records()).find((r) => r.fields.Referensi === reference);
/** The registration function only stores; the delivery run (every minute in production) sends. */
const deliver = () => drainAll();

describe('accepted registrations', () => {
  it('JSON: answers 201 with a reference and writes one typed record to Airtable', async () => {
    const p = person({ destinations: ['jepang', 'korea-selatan'], email: 'siti@contoh.id' });
    const res = await postJson(p);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ reference: expect.stringMatching(REFERENCE_PATTERN), status: 'received' });
    expect(await waitingReferences()).toContain(body.reference);
    await deliver();
    const record = await recordFor(body.reference);
    expect(record?.fields).toMatchObject({
      'Nama lengkap': p.fullName,
      NIK: p.nik,
      'Tanggal lahir': p.birthDate,
      'No. HP/WhatsApp': `+62${p.phone.slice(1)}`,
      Email: 'siti@contoh.id',
      Kecamatan: 'Cipocok Jaya',
      'Pendidikan terakhir': 'SMA/MA/SMK/MAK',
      'Negara tujuan': ['Jepang', 'Korea Selatan'],
      'Bidang kerja': 'Manufaktur dan pabrik',
      'Kemampuan bahasa': 'Dasar',
      Status: 'Baru',
      'Versi persetujuan': env.config.consent.version,
      'Bahasa persetujuan': 'Bahasa Indonesia',
    });
    expect(record?.fields['NIK ganda']).toBeUndefined();
    expect(Date.parse(String(record?.fields['Waktu persetujuan']))).toBeGreaterThan(Date.now() - 60_000);
    expect(await waitingReferences()).toEqual([]);
  });

  it('form: answers 303 to the confirmation page, which shows the reference', async () => {
    const res = await postForm(formBody(person()));
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/daftar\/terima-kasih\/\?ref=SRG-[A-Z2-9]{6}&t=[\w-]{22}$/);
    const reference = new URL(location, env.site.url).searchParams.get('ref')!;
    await deliver();
    expect(await recordFor(reference)).toBeDefined();
    const page = await fetch(env.site.url + location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<p class="ref" id="reference">${reference}</p>`);
    expect(html).toContain(env.config.nextSteps.id);
    expect(html).toContain('tidak pernah meminta uang');
    // The language switch keeps the person on their receipt.
    expect(html).toContain(
      `<a class="lang" href="/en/register/thank-you/?ref=${reference}&amp;t=${new URL(location, env.site.url).searchParams.get('t')}"`,
    );
  });

  it('form in English: redirects to the English confirmation page', async () => {
    const res = await postForm(formBody({ ...person(), lang: 'en' }));
    expect(res.headers.get('location')).toMatch(/^\/en\/register\/thank-you\/\?ref=SRG-/);
  });

  it('the same submissionId within 24 hours gives the same reference and one record', async () => {
    const p = { ...person(), submissionId: crypto.randomUUID() };
    const first = await (await postJson(p)).json();
    const second = await (await postJson(p)).json();
    expect(second.reference).toBe(first.reference);
    await deliver();
    expect((await env.records()).filter((r) => r.fields.NIK === p.nik)).toHaveLength(1);
  });

  it('a NIK already registered makes a new record, and both are flagged "NIK ganda", nothing else changed', async () => {
    const p = person();
    const first = await (await postJson(p)).json();
    await deliver();
    const before = structuredClone(await recordFor(first.reference));
    const second = await (await postJson({ ...p, destinations: ['eropa'] })).json();
    expect(second.reference).not.toBe(first.reference);
    await deliver();
    expect((await recordFor(second.reference))?.fields['NIK ganda']).toBe(true);
    const { modifiedTime: changedAt, ...after } = (await recordFor(first.reference)) as typeof before & { modifiedTime: string };
    const { modifiedTime: deliveredAt, ...was } = before as typeof before & { modifiedTime: string };
    expect(after).toEqual({ ...was, fields: { ...was.fields, 'NIK ganda': true } });
    // Setting the flag is a change, as Airtable's LAST_MODIFIED_TIME() counts it (the retention rule).
    expect(changedAt > deliveredAt).toBe(true);
  });

  it('keeps the registration in the outbox while Airtable fails, and still answers 201', async () => {
    await env.standin.fail({ kind: 'status', status: 503 });
    const res = await postJson(person());
    expect(res.status).toBe(201);
    const { reference } = await res.json();
    await drainOutbox(testClient());
    expect(await recordFor(reference)).toBeUndefined();
    expect((await waitingItems()).map((i) => i.reference)).toContain(reference);
    await env.standin.heal();
    await resumeDelivery();
    await deliver();
    expect(await recordFor(reference)).toBeDefined();
  });

  it('the honeypot answers like a success and writes nothing', async () => {
    const before = (await env.records()).length;
    const outboxBefore = (await waitingReferences()).length;
    const hits = await honeypotHits();
    const res = await postJson({ ...person(), [HONEYPOT]: 'http://spam.example' });
    expect(res.status).toBe(201);
    expect((await res.json()).reference).toMatch(REFERENCE_PATTERN);
    expect((await env.records()).length).toBe(before);
    expect((await waitingReferences()).length).toBe(outboxBefore);
    // Counted, so a real person wrongly caught would show in outbox:status.
    expect(await honeypotHits()).toBe(hits + 1);
  });
});

describe('refused registrations write nothing', () => {
  let before = 0;
  beforeEach(async () => {
    before = (await env.records()).length;
  });
  const nothingWritten = async () => {
    expect((await env.records()).length).toBe(before);
  };

  it('422 with every failing field, in Indonesian by default', async () => {
    const res = await postJson({});
    expect(res.status).toBe(422);
    const { errors } = await res.json();
    expect(errors.nik).toBe('Masukkan NIK 16 angka yang tertera di KTP Anda');
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        'fullName',
        'nik',
        'birthDate',
        'phone',
        'district',
        'education',
        'destinations',
        'sector',
        'languageLevel',
        'consent',
      ]),
    );
    await nothingWritten();
  });

  it('422 in English when lang is en', async () => {
    const { errors } = await (await postJson({ ...person(), nik: '123', lang: 'en' })).json();
    expect(errors).toEqual({ nik: 'The NIK must be 16 digits. Check your KTP again' });
  });

  it('422 with the reason when the person is under 18', async () => {
    const res = await postJson(person({ age: 16 }));
    expect(res.status).toBe(422);
    expect((await res.json()).ineligible).toBe('age');
    await nothingWritten();
  });

  it('form errors: the page again, with summary, inline errors and the answers kept', async () => {
    const p = person();
    const res = await postForm(formBody({ ...p, phone: '12345', consent: false }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<title>Kesalahan: Daftar minat/);
    expect(html).toContain('<h2 id="error-summary-title">Ada masalah</h2>');
    expect(html).toContain('<a href="#f-phone">');
    expect(html).toContain('<a href="#f-consent">');
    expect(html).toContain(`value="${p.fullName}"`);
    expect(html).toMatch(/id="f-phone-error"/);
    expect(html).toContain('Butuh bantuan?');
    await nothingWritten();
  });

  it('form, below SMA outside plantation work: a page that explains, not an error', async () => {
    const res = await postForm(formBody(person({ education: 'smp', sector: 'konstruksi' })));
    const html = await res.text();
    expect(html).toContain('Anda belum memenuhi syarat program ini');
    expect(html).toMatch(/bidang perkebunan punya aturan berbeda; aturan itu belum diumumkan/);
    expect(html).not.toMatch(/pilih bidang tersebut|Paket C setara/);
    await nothingWritten();
  });

  it('403 with the closed message while registration is closed', async () => {
    env.setConfig({ open: false });
    const res = await postJson(person());
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe(env.config.closedMessage.id);
    const form = await postForm(formBody(person()));
    expect(form.status).toBe(403);
    expect(await form.text()).toContain(env.config.closedMessage.id);
    await nothingWritten();
  });

  it.each([
    ['malformed JSON', 'application/json', '{"fullName":', 400],
    ['a JSON array', 'application/json', '[1,2]', 400],
    ['JSON null', 'application/json', 'null', 400],
    ['invalid UTF-8', 'application/x-www-form-urlencoded', Buffer.from([0x66, 0x3d, 0xff, 0xfe]), 400],
    ['another content type', 'text/plain', 'hello', 415],
    ['no content type', '', 'hello', 415],
    ['a body over 16 KB', 'application/json', JSON.stringify({ fullName: 'x'.repeat(17 * 1024) }), 413],
  ])('%s answers %s', async (_why, type, body, status) => {
    const headers: Record<string, string> = type ? { 'Content-Type': type, Accept: 'application/json' } : { Accept: 'application/json' };
    const res = await fetch(api(), { method: 'POST', headers, body: body as BodyInit });
    expect(res.status).toBe(status);
    if (type) expect((await res.json()).error).toBeTruthy();
    await nothingWritten();
  });

  it('answers a broken JSON body in JSON even without an Accept header', async () => {
    const res = await fetch(api(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"nik":' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('Data yang dikirim tidak bisa dibaca. Muat ulang halaman lalu coba lagi.');
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s answers 405 with Allow: POST', async (method) => {
    const res = await fetch(api(), { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('no input makes it answer 5xx', async () => {
    const junk: [string, BodyInit][] = [
      ['application/json', JSON.stringify({ destinations: { a: 1 }, nik: ['1', '2'], consent: { yes: true }, fullName: 42 })],
      ['application/json', JSON.stringify({ birthDate: '9999-99-99', phone: null, lang: 'xx', submissionId: '../../etc' })],
      ['application/json', '"just a string"'],
      ['application/x-www-form-urlencoded', '%%%&&&==='],
      ['application/x-www-form-urlencoded', 'destinations=' + 'jepang&destinations='.repeat(200)],
      ['application/x-www-form-urlencoded; charset=latin1', 'fullName=%E9'],
      ['multipart/form-data; boundary=x', '--x--'],
    ];
    for (const [type, body] of junk) {
      const res = await fetch(api(), { method: 'POST', headers: { 'Content-Type': type }, body });
      expect(res.status, `${type} ${String(body).slice(0, 30)}`).toBeLessThan(500);
    }
    await nothingWritten();
  });
});

describe('confirmation page', () => {
  it.each(['', '?ref=', '?ref=<script>alert(1)</script>', '?ref=SRG-000000'])('answers 404 without echoing %s', async (query) => {
    const res = await fetch(`${env.site.url}/daftar/terima-kasih/${query}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<script>alert');
  });
});
