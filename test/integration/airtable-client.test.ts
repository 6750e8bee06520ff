import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type AirtableClient, airtableClient, type ClientOptions, errorLabel, isRecordError } from '../../src/delivery/airtable';
import type { AirtableFieldSpec } from '../../src/delivery/airtable-schema';
import { StandinProcess } from '../../tools/airtable-standin/process';
import { LocalBlobsServer } from '../../tools/local-blobs';

// The one Airtable client against the stand-in over HTTP, through the official SDK, with the real shared
// budget in Netlify Blobs' local server: larger arrays go in requests of ten, every request (each page of
// a listing included) waits for its slot, and Airtable's failures come back as labels without content.

const BASE = 'appClientTest01';
const TABLE = 'Pendaftaran';
const fields: AirtableFieldSpec[] = [
  { name: 'Referensi', type: 'singleLineText' },
  { name: 'Tanggal lahir', type: 'date', options: { dateFormat: { name: 'iso' } } },
  { name: 'NIK ganda', type: 'checkbox' },
];

let standin: StandinProcess;
let blobs: LocalBlobsServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'client-blobs-'));
  blobs = new LocalBlobsServer({ directory: dir, token: 'blobs-token', port: 0 });
  const { port } = await blobs.start();
  const edgeURL = `http://127.0.0.1:${port}`;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(
    JSON.stringify({ edgeURL, uncachedEdgeURL: edgeURL, siteID: 'client-test', token: 'blobs-token' }),
  ).toString('base64');
});
afterAll(async () => {
  await standin?.stop();
  await blobs?.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await standin?.stop();
  // Airtable's own limit is the budget's to keep (measured at the client below), not the stand-in's to enforce here.
  standin = new StandinProcess({ token: 'tok', bases: { [BASE]: [{ name: TABLE, fields }] }, requestsPerSecond: 1000 });
  await standin.start();
});

const client = (options: ClientOptions = {}, token = 'tok'): AirtableClient =>
  airtableClient({ token, baseId: BASE, table: TABLE, endpointUrl: standin.url }, { timeoutMs: 3000, ...options });
const refs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `SRG-T${String(from + i).padStart(5, '0')}`);
const rows = () => standin.records(BASE, TABLE);
/** Requests of a kind as the stand-in saw them (creates: a POST to the table itself), in order. */
const seen = async (method: string, path = '') =>
  (await standin.requests()).filter((r) => r.method === method && r.path.replace(/\/$/, '').endsWith(path));

describe('the Airtable client', () => {
  it('splits creates, updates and deletions into requests of ten', async () => {
    const airtable = client();
    await airtable.create(refs(23).map((r) => ({ Referensi: r })));
    expect(await rows()).toHaveLength(23);
    expect(await seen('POST', TABLE)).toHaveLength(3);

    const found = await airtable.findByReference(refs(23), ['NIK ganda']);
    expect(found.map((r) => r.reference).sort()).toEqual(refs(23));
    // Ten references a listing.
    expect(await seen('POST', 'listRecords')).toHaveLength(3);

    await airtable.update(found.map((r) => ({ id: r.id, fields: { 'NIK ganda': true } })));
    expect(await seen('PATCH')).toHaveLength(3);
    expect((await rows()).every((r) => r.fields['NIK ganda'] === true)).toBe(true);

    await airtable.destroy(found.slice(0, 12).map((r) => r.id));
    expect(await seen('DELETE')).toHaveLength(2);
    expect(await rows()).toHaveLength(11);
  });

  it('lists page by page, each page on its own slot, never more than five slots in a second', async () => {
    // When each request took its slot, as the client saw it: the budget's promise, measured where it acts
    // (the stand-in's clock shares this test's event loop, so its arrival times can bunch under load).
    const slots: number[] = [];
    const airtable = client({ onCall: () => slots.push(Date.now()) });
    await airtable.create(refs(120).map((r) => ({ Referensi: r })));
    expect(slots).toHaveLength(12);
    const pages: number[] = [];
    for await (const page of airtable.pages({ fields: ['Referensi'], pageSize: 50 })) pages.push(page.length);
    expect(pages).toEqual([50, 50, 20]);
    // Three pages, and the slot taken for a fourth that the SDK never asks for.
    expect(slots).toHaveLength(12 + 4);
    expect(await seen('POST', 'listRecords')).toHaveLength(3);
    for (let i = 5; i < slots.length; i++) expect(slots[i]! - slots[i - 5]!).toBeGreaterThanOrEqual(1000);
  });

  it('sends no further page once the caller leaves the loop', async () => {
    const airtable = client();
    await airtable.create(refs(30).map((r) => ({ Referensi: r })));
    const before = await standin.requestCount();
    for await (const page of airtable.pages({ fields: 'all', pageSize: 10 })) {
      expect(page).toHaveLength(10);
      break;
    }
    expect((await standin.requestCount()) - before).toBe(1);
  });

  it('sends nothing without a slot', async () => {
    const airtable = client({ budget: { take: async () => false } });
    await expect(airtable.create([{ Referensi: 'SRG-AAAAAA' }])).rejects.toSatisfy((e) => errorLabel(e) === 'BUDGET_UNAVAILABLE');
    await expect(airtable.findByReference(['SRG-AAAAAA'], 'all')).rejects.toSatisfy((e) => errorLabel(e) === 'BUDGET_UNAVAILABLE');
    expect(await standin.requestCount()).toBe(0);
  });

  it('names a refusal of a record apart from a failure of Airtable or the base', async () => {
    const refused = await client()
      .create([{ Referensi: 'SRG-AAAAAA', 'Tanggal lahir': 'bukan tanggal' }])
      .catch((e: unknown) => e);
    expect(errorLabel(refused)).toBe('INVALID_VALUE_FOR_COLUMN 422');
    expect(isRecordError(refused)).toBe(true);

    const badToken = await client({}, 'wrong')
      .create([{ Referensi: 'SRG-AAAAAA' }])
      .catch((e: unknown) => e);
    expect(errorLabel(badToken)).toBe('AUTHENTICATION_REQUIRED 401');
    expect(isRecordError(badToken)).toBe(false);

    await standin.fail({ kind: 'status', status: 503, times: 1 });
    const down = await client()
      .firstPage({ fields: 'all' })
      .catch((e: unknown) => e);
    expect(errorLabel(down)).toMatch(/ 503$/);
    expect(isRecordError(down)).toBe(false);
  });

  it('gives up on a request after its timeout: a failure of Airtable, labelled without the request', async () => {
    await standin.fail({ kind: 'timeout', times: 1 });
    const started = Date.now();
    const timedOut = await client({ timeoutMs: 500 })
      .statusRow('SRG-AAAAAA')
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2500);
    // The SDK's abort names neither a type nor a status: the label says only that it failed.
    expect(errorLabel(timedOut)).toBe('ERROR');
    expect(isRecordError(timedOut)).toBe(false);
  });
});
