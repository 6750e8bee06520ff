import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

import { getStore } from '@netlify/blobs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { registerHandler } from '../../netlify/functions/register';
import { receiptHandler } from '../../netlify/functions/registration-receipt';
import registrationsHandler from '../../netlify/functions/registrations';
import { COLUMNS } from '../../src/delivery/airtable-fields';
import { nikHash } from '../../src/delivery/nik-index';
import { newOutboxKey } from '../../src/delivery/outbox-crypto';
import { dueKey } from '../../src/delivery/queue-keys';
import { retentionRun } from '../../src/delivery/retention';
import { expireSubmissions, referenceForSubmission } from '../../src/delivery/submissions';
import { receiptToken } from '../../src/server/keys';
import { STATUS_CHOICES } from '../../src/shared/registration-status';
import type { StandinRecord } from '../../tools/airtable-standin/process';
import { clientAddress, person } from '../../tools/people';
import { startRegistrationEnv, TEST_ADMIN_TOKEN, TEST_OUTBOX_KEYS } from '../../tools/registration-env';
import { clearOutbox, drainAll, testClient, waitingReferences } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// UU PDP in practice: the outbox is sealed, a preview never touches registrations, the receipt confirms
// only what was issued, and staff can find and erase one registration everywhere — end to end against
// the local Blobs server and the Airtable stand-in.

const run = promisify(execFile);
let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());
afterEach(() => {
  process.env.OUTBOX_KEYS = TEST_OUTBOX_KEYS;
  vi.restoreAllMocks();
});

const register = async (p = person()) => {
  const res = await fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
    body: JSON.stringify(p),
  });
  return { res, body: (await res.json()) as { reference?: string; error?: string }, p };
};
const deliver = () => drainAll();
const recordFor = async (reference: string) => (await env.records()).find((r) => r.fields[COLUMNS.reference] === reference);
const staff = (action: string, reference: string) =>
  fetch(`${env.site.url}/api/registrations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, reference }),
  });
const cli = (action: string, reference: string, out?: string) =>
  run('node_modules/.bin/tsx', ['tools/registrations.ts', action, reference, ...(out ? ['--out', out] : [])], {
    env: { ...process.env, SITE_URL: env.site.url, OUTBOX_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
  });
const logged = () => vi.spyOn(console, 'log');

describe('the outbox is sealed', () => {
  it('holds no personal value in clear, names its key, and delivers the opened record', async () => {
    const { body, p } = await register();
    const raw = (await getStore({ name: 'registration-outbox', consistency: 'strong' }).get(`item/${body.reference}`, { type: 'text' }))!;
    for (const value of [p.fullName, p.nik, p.phone.slice(1), p.birthDate]) expect(raw).not.toContain(value);
    expect(JSON.parse(raw).sealed).toMatchObject({ keyId: 'test1', iv: expect.any(String), tag: expect.any(String) });
    await deliver();
    expect((await recordFor(body.reference!))?.fields).toMatchObject({ 'Nama lengkap': p.fullName, NIK: p.nik });
  });

  it('keys rotate: records sealed with the old key are delivered after a new key is put first', async () => {
    const old = await register();
    process.env.OUTBOX_KEYS = `${newOutboxKey('test2')},${TEST_OUTBOX_KEYS}`;
    const fresh = await register();
    const raw = await getStore({ name: 'registration-outbox', consistency: 'strong' }).get(`item/${fresh.body.reference}`, {
      type: 'json',
    });
    expect(raw.sealed.keyId).toBe('test2');
    await deliver();
    expect(await recordFor(old.body.reference!)).toBeDefined();
    expect(await recordFor(fresh.body.reference!)).toBeDefined();
  });

  it('a record whose key was removed is held, not lost, and does not stop the others', async () => {
    const orphan = await register();
    process.env.OUTBOX_KEYS = newOutboxKey('test3');
    const others = [await register(), await register()];
    const reports = await drainAll({}, 1);
    expect(reports[0]?.held).toBe(1);
    for (const o of others) expect(await recordFor(o.body.reference!)).toBeDefined();
    expect(await waitingReferences()).toEqual([orphan.body.reference]);
    process.env.OUTBOX_KEYS = `${newOutboxKey('test3')},${TEST_OUTBOX_KEYS}`;
    await drainAll({ ignoreBackoff: true });
    expect(await recordFor(orphan.body.reference!)).toBeDefined();
  });

  it('a damaged record is held, and so is one stored unsealed (the outbox refuses it); the others are delivered', async () => {
    await clearOutbox();
    const store = getStore({ name: 'registration-outbox', consistency: 'strong' });
    const createdAt = new Date().toISOString();
    const damaged = {
      reference: 'SRG-RUSAK2',
      createdAt,
      attempts: 0,
      sealed: { keyId: 'test1', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: 'AAAA' },
    };
    const p = person();
    const unsealed = {
      reference: 'SRG-LAMA23',
      createdAt,
      attempts: 0,
      submission: { values: { fullName: p.fullName, nik: p.nik }, lang: 'id', consentVersion: 'x' },
    };
    for (const item of [damaged, unsealed]) {
      await store.setJSON(`item/${item.reference}`, item);
      await store.set(dueKey(item), '');
    }
    const fresh = await register();
    const [report] = await drainAll({}, 1);
    expect(report).toMatchObject({ delivered: 1, held: 2 });
    expect(await recordFor('SRG-LAMA23')).toBeUndefined();
    expect(await recordFor(fresh.body.reference!)).toBeDefined();
    expect((await waitingReferences()).sort()).toEqual(['SRG-LAMA23', 'SRG-RUSAK2']);
    for (const ref of ['SRG-RUSAK2', 'SRG-LAMA23'])
      expect((await store.get(`item/${ref}`, { type: 'json' })).lastError).toBe('OUTBOX_SEAL_BROKEN');
    await clearOutbox();
  });

  it("without a key, registration answers 503 in the person's language, logs why, and stores nothing", async () => {
    process.env.OUTBOX_KEYS = '';
    const log = logged();
    const writesBefore = env.blobRequests.filter((r) => r.type === 'set').length;
    const { res, body } = await register();
    expect(res.status).toBe(503);
    expect(body.error).toMatch(/Layanan pendaftaran sedang bermasalah/);
    expect(log.mock.calls.flat().join('\n')).toContain('register.outbox_key_missing');
    expect(env.blobRequests.filter((r) => r.type === 'set').length).toBe(writesBefore);
    // Delivery without the key touches nothing either.
    expect(await deliver().then(() => 'ran')).toBe('ran');
  });

  it('a malformed key counts as none', async () => {
    process.env.OUTBOX_KEYS = 'k:dG9vLXNob3J0';
    expect((await register()).res.status).toBe(503);
  });
});

describe('a Deploy Preview or branch deploy never touches registrations', () => {
  const preview = { deploy: { context: 'deploy-preview', id: 'x', published: false } } as never;
  const branch = { deploy: { context: 'branch-deploy', id: 'x', published: false } } as never;

  it.each([
    ['deploy-preview', preview],
    ['branch-deploy', branch],
  ])('%s: registration is off with a clear page, and nothing is written', async (_name, context) => {
    const site = await import('../../src/site-data');
    const handler = registerHandler(site.builtSiteData);
    const writesBefore = env.blobRequests.length;
    const form = new URLSearchParams({ fullName: 'Uji Coba', consent: 'yes' });
    const res = await handler(
      new Request(`${env.site.url}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
      context,
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('versi pratinjau situs');
    expect(env.blobRequests.length).toBe(writesBefore);
  });

  it('its background drain delivers nothing', async () => {
    const { body } = await register();
    const background = (await import('../../netlify/functions/deliver-registrations-background')).default;
    const before = (await env.records()).length;
    await background(new Request(`${env.site.url}/.netlify/functions/deliver-registrations-background`, { method: 'POST' }), preview);
    expect((await env.records()).length).toBe(before);
    expect(await waitingReferences()).toContain(body.reference);
  });

  it('its receipt confirms nothing and its staff endpoint does not exist', async () => {
    const { body } = await register();
    const site = await import('../../src/site-data');
    const receipt = await receiptHandler(site.builtSiteData)(
      new Request(`${env.site.url}/daftar/terima-kasih/?ref=${body.reference}&t=${receiptToken(body.reference!)}`),
      preview,
    );
    expect(receipt.status).toBe(404);
    const req = new Request(`${env.site.url}/api/registrations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ action: 'find', reference: body.reference }),
    });
    expect((await registrationsHandler(req, preview)).status).toBe(404);
  });
});

describe('the receipt confirms only references this site issued', () => {
  // The owner's link: the reference and its token (a reference alone opens nothing: test/integration/abuse.test.ts).
  const receipt = (ref: string) => fetch(`${env.site.url}/daftar/terima-kasih/?ref=${ref}&t=${receiptToken(ref)}`);
  const neutral = async (res: Response, ref: string) => (await res.text()).replaceAll(ref, 'REF').replaceAll(receiptToken(ref), 'TOKEN');

  it('issued: 200 "sudah masuk" (has arrived, never "accepted"); never issued and erased: the same neutral 404', async () => {
    const { body } = await register();
    const issued = await receipt(body.reference!);
    expect(issued.status).toBe(200);
    const issuedText = await issued.text();
    expect(issuedText).toContain('Pendaftaran minat Anda sudah masuk');
    // "Diterima" also means "accepted": a screenshot of the receipt must not sell as proof of acceptance.
    expect(issuedText).not.toMatch(/sudah diterima/i);

    const never = await receipt('SRG-ZZZZZZ');
    expect(never.status).toBe(404);
    const neverText = await neutral(never, 'SRG-ZZZZZZ');
    expect(neverText).toContain('Nomor pendaftaran tidak dikenal');
    expect(neverText).toContain('jangan membayar');
    expect(neverText).not.toContain('sudah masuk');

    expect((await staff('erase', body.reference!)).status).toBe(200);
    const erased = await receipt(body.reference!);
    expect(erased.status).toBe(404);
    expect(await neutral(erased, body.reference!)).toBe(neverText);
  });
});

describe('rights in minutes: registrations:find and registrations:erase', () => {
  it('find shows a waiting registration from the outbox, then the delivered one from Airtable, as text and as JSON', async () => {
    const p = person({ email: 'uji@contoh.id' });
    const { body } = await register(p);
    const ref = body.reference!;
    const waiting = await cli('find', ref, `/tmp/find-${ref}.json`);
    expect(waiting.stdout).toContain(`Nomor pendaftaran ${ref}`);
    expect(waiting.stdout).toMatch(/Di outbox \(belum sampai di Airtable; menunggu/);
    expect(waiting.stdout).toContain(`Nama lengkap: ${p.fullName}`);
    await deliver();
    const delivered = await cli('find', ref, `/tmp/find-${ref}.json`);
    expect(delivered.stdout).toMatch(/Di Airtable \(baris rec/);
    expect(delivered.stdout).not.toContain('Di outbox');
    const json = JSON.parse(await readFile(`/tmp/find-${ref}.json`, 'utf8'));
    expect(json).toMatchObject({
      reference: ref,
      issued: true,
      airtable: { fields: { NIK: p.nik, Email: 'uji@contoh.id', 'Versi persetujuan': env.config.consent.version } },
    });
    await rm(`/tmp/find-${ref}.json`);
  });

  it('erase removes a delivered and a waiting registration everywhere; a later delivery run sends nothing of them; a second erase finds nothing', async () => {
    await clearOutbox();
    const delivered = await register();
    await deliver();
    const submissionId = crypto.randomUUID();
    const someone = person();
    const waiting = await register(Object.assign(someone, { submissionId }) as never);
    expect(await referenceForSubmission(submissionId, nikHash(someone.nik))).toBe(waiting.body.reference);
    const kept = await register();

    const first = await cli('erase', delivered.body.reference!);
    expect(first.stdout).toMatch(/dihapus dari:[\s\S]*Airtable: 1 baris[\s\S]*ditandai dihapus/);
    const second = await cli('erase', waiting.body.reference!);
    expect(second.stdout).toMatch(/outbox: menunggu \(due\)/);
    expect(second.stdout).toMatch(/idempotensi/);
    expect(await referenceForSubmission(submissionId, nikHash(someone.nik))).toBeUndefined();

    await deliver();
    expect(await recordFor(delivered.body.reference!)).toBeUndefined();
    expect(await recordFor(waiting.body.reference!)).toBeUndefined();
    expect(await recordFor(kept.body.reference!)).toBeDefined();

    const again = await cli('erase', waiting.body.reference!);
    expect(again.stdout).toMatch(/tidak ada yang tersimpan/);
    const found = (await (await staff('find', delivered.body.reference!)).json()) as Record<string, unknown>;
    expect(found).toEqual({ reference: delivered.body.reference, issued: false });
  });

  it('refuses a malformed reference and a wrong token without touching anything', async () => {
    expect((await staff('erase', 'SRG-1')).status).toBe(422);
    const res = await fetch(`${env.site.url}/api/registrations`, {
      method: 'POST',
      headers: { Authorization: 'Bearer salah' },
      body: '{}',
    });
    expect(res.status).toBe(404);
  });
});

describe('the daily retention run', () => {
  it('deletes every record unchanged for longer than the period, whatever its status, page by page under the budget; nothing waiting in the outbox', async () => {
    const table: StandinRecord[] = [];
    const now = Date.parse('2026-11-29T00:00:00Z');
    const old = '2026-01-15T03:00:00.000Z';
    const recent = '2026-10-01T03:00:00.000Z';
    // 20,000 records as a year of registrations leaves them, in every status; 500 have not changed for
    // longer than six months (including people who departed and people left at "Baru").
    for (let i = 0; i < 20_000; i++) {
      const status = STATUS_CHOICES[Math.floor(i / 40) % STATUS_CHOICES.length]!;
      const changed = i % 40 === 0 ? old : recent;
      table.push({
        id: `recT${i}`,
        createdTime: old,
        modifiedTime: changed,
        fields: { [COLUMNS.reference]: `SRG-T${String(i).padStart(5, '0')}`, [COLUMNS.status]: status, [COLUMNS.submittedAt]: old },
      });
    }
    await env.setRecords(table);
    const due = table.filter((r) => r.modifiedTime === old);
    expect(due).toHaveLength(500);
    expect(new Set(due.map((r) => r.fields[COLUMNS.status]))).toEqual(new Set(STATUS_CHOICES));
    const waiting = await register();

    const started = Date.now();
    const report = await retentionRun(testClient({ timeoutMs: 8_000 }), 6, { now, budgetMs: 120_000 });
    expect(report).toMatchObject({ deleted: 500, unfinished: false });
    // Five pages of 100 (and a last empty one) and fifty deletions of ten.
    expect(report.calls).toBe(6 + 50);
    const left = await env.records();
    expect(left).toHaveLength(19_500);
    expect(left.every((r) => r.modifiedTime === recent)).toBe(true);
    expect(await waitingReferences()).toContain(waiting.body.reference);
    // Paced by the shared budget: never more than 5 calls within a second.
    const at = (await env.standin.requests()).filter((r) => r.at >= started && r.path.includes('/v0/app')).map((r) => r.at);
    expect(at).toHaveLength(report.calls);
    for (let i = 5; i < at.length; i++) expect(at[i]! - at[i - 5]!).toBeGreaterThanOrEqual(1000);
  });
});

describe('idempotency entries expire', () => {
  it('entries of days that ended more than 24 hours ago are deleted, whole days, however many; recent ones still answer', async () => {
    const store = getStore({ name: 'registration-submissions', consistency: 'strong' });
    for (let i = 0; i < 30; i++)
      await store.setJSON(`20261101/id/${crypto.randomUUID()}`, { reference: 'SRG-OLD234', at: Date.parse('2026-11-01T05:00:00Z') });
    const id = crypto.randomUUID();
    const someone = person();
    const fresh = await register(Object.assign(someone, { submissionId: id }) as never);
    // Out of time before it starts: nothing deleted, and it says so.
    expect(await expireSubmissions(Date.now(), Date.now() - 1)).toEqual({ deleted: 0, unfinished: true });
    const run = await expireSubmissions();
    expect(run).toEqual({ deleted: 30, unfinished: false });
    expect((await store.list({ prefix: '20261101/' })).blobs).toHaveLength(0);
    expect(await referenceForSubmission(id, nikHash(someone.nik))).toBe(fresh.body.reference);
  });
});
