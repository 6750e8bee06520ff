import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRegistrationEnv } from '../../tools/registration-env';
import { person } from '../../tools/people';
import { airtableSettingsFromEnv } from '../../src/delivery/airtable';
import { listOutbox, setPenalty } from '../../src/delivery/outbox';
import { deliverPending } from '../../src/delivery/drain';

// Fault tests: whatever Airtable does, every accepted reference ends up in the base exactly once.
// The stand-in enforces Airtable's real limit (5 requests/s per base, 429 with a penalty).

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ penaltyMs: 1500 });
});
afterAll(() => env?.close());
beforeEach(async () => {
  env.standin.heal();
  await setPenalty(0);
  await drain(); // start every test with an empty outbox
});

const settings = () => airtableSettingsFromEnv()!;

async function burst(n: number): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${env.site.url}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(person()),
      }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(n).fill(201));
  return Promise.all(answers.map(async (a) => (await a.json()).reference as string));
}

/** Runs the worker until the outbox is empty, as the every-minute schedule would (penalties skipped). */
async function drain(maxRuns = 10) {
  for (let run = 0; run < maxRuns && (await listOutbox()).length; run++) {
    await setPenalty(0);
    await new Promise((r) => setTimeout(r, 1600)); // the stand-in's own penalty
    await deliverPending(settings(), { budgetMs: 20_000, timeoutMs: 1500, ignoreBackoff: true });
  }
}

function expectExactlyOnce(references: string[]) {
  const counts = new Map<string, number>();
  for (const r of env.records()) counts.set(String(r.fields.Referensi), (counts.get(String(r.fields.Referensi)) ?? 0) + 1);
  const wrong = references.filter((ref) => counts.get(ref) !== 1).map((ref) => `${ref}: ${counts.get(ref) ?? 0}`);
  expect(wrong).toEqual([]);
}

describe('delivery to Airtable, exactly once', () => {
  it('Airtable down for the whole burst, then back', async () => {
    env.standin.fail({ kind: 'status', status: 503 });
    const refs = await burst(25);
    expect(env.records().filter((r) => refs.includes(String(r.fields.Referensi)))).toEqual([]);
    expect((await listOutbox()).filter((i) => refs.includes(i.reference))).toHaveLength(25);
    env.standin.heal();
    await drain();
    expectExactlyOnce(refs);
    expect(await listOutbox()).toEqual([]);
  }, 60_000);

  it('a 429 storm', async () => {
    env.standin.fail({ kind: 'status', status: 429 });
    const refs = await burst(25);
    env.standin.heal();
    await drain();
    expectExactlyOnce(refs);
  }, 60_000);

  it('intermittent 500s', async () => {
    env.standin.fail({ kind: 'status', status: 500, times: 7 });
    const refs = await burst(20);
    await drain();
    expectExactlyOnce(refs);
  }, 60_000);

  it('timeouts', async () => {
    env.standin.fail({ kind: 'timeout', times: 4 });
    const refs = await burst(8);
    await drain();
    expectExactlyOnce(refs);
  }, 60_000);

  it('a refused connection (Airtable unreachable), then back', async () => {
    await env.standin.stop();
    const refs = await burst(10);
    await env.standin.restart();
    await drain();
    expectExactlyOnce(refs);
  }, 60_000);

  it('the reply lost after the write: never created twice', async () => {
    env.standin.fail({ kind: 'drop-after-write', times: 1 });
    const [ref] = await burst(1);
    // Airtable has the record, but the function could not know: it is still in the outbox.
    expect(env.records().filter((r) => r.fields.Referensi === ref)).toHaveLength(1);
    expect((await listOutbox()).map((i) => i.reference)).toContain(ref);
    await drain();
    expectExactlyOnce([ref!]);
    expect(await listOutbox()).toEqual([]);
  }, 60_000);

  it('a worker that dies mid-batch, and the next run after its lease expires', async () => {
    env.standin.fail({ kind: 'status', status: 503 });
    const refs = await burst(30);
    env.standin.heal();
    let calls = 0;
    // The first run freezes for good after two Airtable calls (as a killed process would).
    void deliverPending(settings(), { leaseMs: 2000, onCall: () => (++calls > 2 ? new Promise(() => {}) : Promise.resolve()) });
    await new Promise((r) => setTimeout(r, 2500));
    await deliverPending(settings(), { budgetMs: 20_000 });
    expectExactlyOnce(refs);
    expect(await listOutbox()).toEqual([]);
  }, 60_000);

  it('two workers at once deliver each record once', async () => {
    env.standin.fail({ kind: 'status', status: 503 });
    const refs = await burst(40);
    env.standin.heal();
    await Promise.all([deliverPending(settings()), deliverPending(settings())]);
    // Between them the two runs delivered everything (a record one run found already sent by the other
    // counts as delivered for both: that is a lookup, not a second record).
    expect(await listOutbox()).toEqual([]);
    expectExactlyOnce(refs);
  }, 60_000);

  it('a record Airtable refuses for its content stays, with its error, until the base is fixed', async () => {
    env.standin.fail({ kind: 'status', status: 422 });
    const [ref] = await burst(1);
    await deliverPending(settings(), { budgetMs: 20_000 });
    const stuck = (await listOutbox()).find((i) => i.reference === ref);
    expect(stuck?.lastError).toMatch(/422/);
    expect(stuck?.attempts).toBe(2);
    // It now backs off: the next minute's run spends no Airtable call on it.
    expect(Date.parse(stuck!.notBefore!)).toBeGreaterThan(Date.now() + 30_000);
    const calls = env.standin.requests.length;
    await deliverPending(settings(), { budgetMs: 20_000 });
    expect(env.standin.requests.length).toBe(calls);
    env.standin.heal();
    await drain();
    expectExactlyOnce([ref!]);
  }, 60_000);

  it('an empty outbox costs no Airtable call', async () => {
    const before = env.standin.requests.length;
    const report = await deliverPending(settings());
    expect(report.pending).toBe(0);
    expect(env.standin.requests.length).toBe(before);
  });
});

describe('outbox status for staff', () => {
  it('shows counts, age and the last error per reference, and no personal data', async () => {
    env.standin.fail({ kind: 'status', status: 422 });
    const [ref] = await burst(1);
    process.env.OUTBOX_ADMIN_TOKEN = 'admin-test';
    const { default: outbox } = await import('../../netlify/functions/outbox');
    expect((await outbox(new Request('http://x/api/outbox'))).status).toBe(404);
    const res = await outbox(new Request('http://x/api/outbox', { headers: { Authorization: 'Bearer admin-test' } }));
    const status = await res.json();
    expect(status).toMatchObject({ pending: 1, failing: 1 });
    expect(status.records[0]).toMatchObject({ reference: ref, attempts: 1, lastError: expect.stringMatching(/422/) });
    const item = (await listOutbox())[0]!;
    const text = JSON.stringify(status);
    for (const value of [item.fields.NIK, item.fields['Tanggal lahir'], item.fields['No. HP/WhatsApp'], item.fields['Nama lengkap']]) {
      expect(text).not.toContain(String(value));
    }
    env.standin.heal();
    const flushed = await (await outbox(new Request('http://x/api/outbox', { method: 'POST', headers: { Authorization: 'Bearer admin-test' } }))).json();
    expect(flushed.delivered).toBe(1);
    expectExactlyOnce([ref!]);
  }, 60_000);
});
