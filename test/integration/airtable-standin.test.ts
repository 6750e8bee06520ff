import { connect, type Socket } from 'node:net';

import Airtable from 'airtable';
import { afterEach, describe, expect, it } from 'vitest';

import { StandinProcess } from '../../tools/airtable-standin/process';

// The stand-in must answer as Airtable's documentation says, or tests against it prove nothing. Driven
// as every test drives it: in its own process, through its control channel.
const fields = [
  { name: 'Referensi', type: 'singleLineText' },
  { name: 'Kecamatan', type: 'singleSelect', options: { choices: [{ name: 'Serang' }] } },
  { name: 'NIK ganda', type: 'checkbox' },
];
let standin: StandinProcess;
afterEach(() => standin?.stop());

async function start(opts: { requestsPerSecond?: number; penaltyMs?: number } = {}) {
  standin = new StandinProcess({ token: 'tok', bases: { appB: [{ name: 'T', fields }] }, ...opts });
  return standin.start();
}
const call = (url: string, path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(url + path, {
    ...init,
    headers: { Authorization: `Bearer ${init.token ?? 'tok'}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
const body = async (res: Response) => ({ status: res.status, json: await res.json() });

describe('Airtable stand-in', () => {
  it('creates records through the official SDK and returns them with id and createdTime', async () => {
    const url = await start();
    const table = new Airtable({ apiKey: 'tok', endpointUrl: url, noRetryIfRateLimited: true }).base('appB').table('T');
    const created = await table.create([{ fields: { Referensi: 'SRG-AAAAAA', Kecamatan: 'Serang' } }]);
    expect(created[0]?.id).toMatch(/^rec/);
    expect(created[0]?.get('Referensi')).toBe('SRG-AAAAAA');
    const found = await table.select({ filterByFormula: "OR({Referensi}='SRG-AAAAAA',{Referensi}='x')", method: 'post' } as never).all();
    expect(found.map((r) => r.id)).toEqual([created[0]?.id]);
  });

  it.each([
    ['no token', { token: '' }, '/v0/appB/T', 401, 'AUTHENTICATION_REQUIRED'],
    ['a wrong token', { token: 'nope' }, '/v0/appB/T', 401, 'AUTHENTICATION_REQUIRED'],
    ['an unknown base', {}, '/v0/appX/T', 403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND'],
    ['an unknown table', {}, '/v0/appB/Nope', 403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND'],
  ])('answers %s with %i and an error body', async (_why, init, path, status, type) => {
    const url = await start();
    const res = await body(await call(url, path, { method: 'POST', body: JSON.stringify({ records: [{ fields: {} }] }), ...init }));
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: { type, message: expect.any(String) } });
  });

  it.each([
    ['11 records in one request', { records: Array.from({ length: 11 }, () => ({ fields: { Referensi: 'x' } })) }, 'INVALID_RECORDS'],
    ['an unknown field', { records: [{ fields: { Nama: 'x' } }] }, 'UNKNOWN_FIELD_NAME'],
    ['a new select option without typecast', { records: [{ fields: { Kecamatan: 'Ciruas' } }] }, 'INVALID_MULTIPLE_CHOICE_OPTIONS'],
    ['text in a checkbox', { records: [{ fields: { 'NIK ganda': 'ya' } }] }, 'INVALID_VALUE_FOR_COLUMN'],
  ])('refuses %s with 422', async (_why, payload, type) => {
    const url = await start();
    const res = await body(await call(url, '/v0/appB/T', { method: 'POST', body: JSON.stringify(payload) }));
    expect(res.status).toBe(422);
    expect(res.json.error.type).toBe(type);
    expect(await standin.records('appB', 'T')).toEqual([]);
  });

  it('adds a select option when typecast is on', async () => {
    const url = await start();
    const res = await call(url, '/v0/appB/T', {
      method: 'POST',
      body: JSON.stringify({ typecast: true, records: [{ fields: { Kecamatan: 'Ciruas' } }] }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a formula it cannot parse with 422 INVALID_FILTER_BY_FORMULA', async () => {
    const url = await start();
    const res = await body(
      await call(url, '/v0/appB/T/listRecords', { method: 'POST', body: JSON.stringify({ filterByFormula: 'SEARCH(' }) }),
    );
    expect(res).toMatchObject({ status: 422, json: { error: { type: 'INVALID_FILTER_BY_FORMULA' } } });
  });

  it('allows 5 requests a second per base, then answers 429 for the whole penalty', async () => {
    const url = await start({ penaltyMs: 400 });
    const statuses = (await Promise.all(Array.from({ length: 7 }, () => call(url, '/v0/appB/T')))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await body(await call(url, '/v0/appB/T'));
    expect(limited).toMatchObject({ status: 429, json: { error: { type: 'TOO_MANY_REQUESTS' } } });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call(url, '/v0/appB/T')).status).toBe(200);
  });

  it("times each request where it arrives, whatever the caller's event loop is doing", async () => {
    // Six requests written 400 ms apart while this process's event loop is blocked the whole time (as a
    // busy test on two busy cores can be): at most 3 fall in any second, so Airtable would answer every
    // one. A stand-in on this event loop would see all six at once when it unblocks, and refuse one.
    const url = new URL(await start());
    const sockets = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket: Socket = connect(Number(url.port), url.hostname, () => resolve(socket));
          }),
      ),
    );
    const answers = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          let text = '';
          socket.on('data', (d) => (text += String(d)));
          socket.on('end', () => resolve(text));
        }),
    );
    const before = await standin.requestCount();
    for (const socket of sockets) {
      socket.end(`GET /v0/appB/T HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer tok\r\nConnection: close\r\n\r\n`);
      const until = Date.now() + 400;
      while (Date.now() < until); // blocked: nothing on this event loop runs
    }
    expect((await Promise.all(answers)).map((a) => a.split(' ')[1])).toEqual(Array(6).fill('200'));
    const at = (await standin.requests()).slice(-6).map((r) => r.at);
    expect(await standin.requestCount()).toBe(before + 6);
    // Spread as they were sent (allowing for this busy machine's scheduling), not bunched.
    expect(at.at(-1)! - at[0]!).toBeGreaterThan(1000);
  });

  it('the SDK with noRetryIfRateLimited gives up on a 429 at once', async () => {
    const url = await start();
    await standin.fail({ kind: 'status', status: 429, times: 1 });
    const table = new Airtable({ apiKey: 'tok', endpointUrl: url, noRetryIfRateLimited: true }).base('appB').table('T');
    await expect(table.create([{ fields: { Referensi: 'x' } }])).rejects.toMatchObject({ statusCode: 429 });
  });

  it('creates tables and fields through the Metadata API, refusing duplicates', async () => {
    const url = await start();
    const created = await body(
      await call(url, '/v0/meta/bases/appB/tables', {
        method: 'POST',
        body: JSON.stringify({ name: 'Baru', fields: [{ name: 'A', type: 'singleLineText' }] }),
      }),
    );
    expect(created.json).toMatchObject({ name: 'Baru', fields: [{ name: 'A', type: 'singleLineText' }] });
    const field = await call(url, `/v0/meta/bases/appB/tables/${created.json.id}/fields`, {
      method: 'POST',
      body: JSON.stringify({ name: 'B', type: 'email' }),
    });
    expect(field.status).toBe(200);
    const again = await call(url, `/v0/meta/bases/appB/tables/${created.json.id}/fields`, {
      method: 'POST',
      body: JSON.stringify({ name: 'B', type: 'email' }),
    });
    expect(again.status).toBe(422);
    const list = await body(await call(url, '/v0/meta/bases/appB/tables'));
    expect(list.json.tables.map((t: { name: string }) => t.name)).toEqual(['T', 'Baru']);
  });

  it('lists 100 records a page with an offset while more remain, as GET and as POST listRecords', async () => {
    const url = await start({ requestsPerSecond: 1000 });
    for (let i = 0; i < 25; i++) {
      await call(url, '/v0/appB/T', {
        method: 'POST',
        body: JSON.stringify({ records: Array.from({ length: 10 }, (_, j) => ({ fields: { Referensi: `R${i * 10 + j}` } })) }),
      });
    }
    const first = await body(await call(url, '/v0/appB/T/listRecords', { method: 'POST', body: JSON.stringify({}) }));
    expect(first.json.records).toHaveLength(100);
    expect(first.json.offset).toMatch(/^itr/);
    const second = await body(
      await call(url, '/v0/appB/T/listRecords', { method: 'POST', body: JSON.stringify({ offset: first.json.offset }) }),
    );
    const third = await body(await call(url, `/v0/appB/T?offset=${encodeURIComponent(second.json.offset)}`));
    expect([second.json.records.length, third.json.records.length, third.json.offset]).toEqual([100, 50, undefined]);
    const refs = [...first.json.records, ...second.json.records, ...third.json.records].map(
      (r: { fields: { Referensi: string } }) => r.fields.Referensi,
    );
    expect(new Set(refs).size).toBe(250);
    expect((await body(await call(url, '/v0/appB/T?pageSize=7&maxRecords=10'))).json.records).toHaveLength(7);
    expect((await call(url, '/v0/appB/T?offset=itrNope/rec1')).status).toBe(422);
    // The SDK pages through it one request a page.
    const table = new Airtable({ apiKey: 'tok', endpointUrl: url, noRetryIfRateLimited: true }).base('appB').table('T');
    const before = await standin.requestCount();
    expect(await table.select().all()).toHaveLength(250);
    expect((await standin.requestCount()) - before).toBe(3);
  });

  it('updates records by id, and upserts on a merge field (create when none matches, update when one does)', async () => {
    const url = await start({ requestsPerSecond: 1000 });
    const table = new Airtable({ apiKey: 'tok', endpointUrl: url, noRetryIfRateLimited: true }).base('appB').table('T');
    const [rec] = await table.create([{ fields: { Referensi: 'SRG-AAAAAA' } }]);
    await table.update([{ id: rec!.id, fields: { 'NIK ganda': true } }]);
    expect((await standin.records('appB', 'T'))[0]?.fields).toEqual({ Referensi: 'SRG-AAAAAA', 'NIK ganda': true });
    const upsert = async (records: object[]) =>
      body(
        await call(url, '/v0/appB/T', {
          method: 'PATCH',
          body: JSON.stringify({ performUpsert: { fieldsToMergeOn: ['Referensi'] }, records }),
        }),
      );
    const result = await upsert([{ fields: { Referensi: 'SRG-AAAAAA', Kecamatan: 'Serang' } }, { fields: { Referensi: 'SRG-BBBBBB' } }]);
    expect(result.json.updatedRecords).toEqual([rec!.id]);
    expect(result.json.createdRecords).toHaveLength(1);
    expect((await standin.records('appB', 'T')).map((r) => r.fields)).toEqual([
      { Referensi: 'SRG-AAAAAA', 'NIK ganda': true, Kecamatan: 'Serang' },
      { Referensi: 'SRG-BBBBBB' },
    ]);
    expect(
      (await call(url, '/v0/appB/T', { method: 'PATCH', body: JSON.stringify({ records: [{ id: 'recNope', fields: {} }] }) })).status,
    ).toBe(404);
  });
});
