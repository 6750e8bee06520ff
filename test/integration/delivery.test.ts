import { type ChildProcess, spawn } from 'node:child_process';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { acceptRegistration } from '../../src/delivery/accept';
import { claimBackgroundDrain, releaseBackgroundDrain } from '../../src/delivery/background';
import { drainOutbox } from '../../src/delivery/drain';
import { nikHash } from '../../src/delivery/nik-index';
import { readItem } from '../../src/delivery/outbox-items';
import { outboxStatus } from '../../src/delivery/outbox-status';
import { currentPause, resumeDelivery } from '../../src/delivery/pause';
import { removeItem } from '../../src/delivery/queue';
import { choiceLabels } from '../../src/registration/fields';
import { validateRegistration } from '../../src/registration/validate';
import { todayInSerang } from '../../src/shared/serang-time';
import { checkStatus } from '../../src/status/check';
import { clientAddress, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { productionContext } from '../../tools/static-server';
import { clearOutbox, drainAll, testClient, testPauses, waitingItems, waitingReferences } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// Fault tests: whatever Airtable does, every accepted reference ends up in the base exactly once, no
// record holds up another, and no failure makes the same window repeat for ever. The stand-in enforces
// Airtable's real limit (5 requests/s per base, 429 with a penalty).

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ penaltyMs: testPauses.rateLimitMs, project: fixtureProject() });
});
afterAll(() => env?.close());
beforeEach(async () => {
  await env.standin.heal();
  await resumeDelivery();
  await drainAll(); // start every test with an empty outbox
});

const run = (opts: Parameters<typeof drainOutbox>[1] = {}, airtable = testClient()) =>
  drainOutbox(airtable, { budgetMs: 60_000, pauseTimes: testPauses, ...opts });

async function burst(n: number, over: Parameters<typeof person>[0] = {}): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${env.site.url}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
        body: JSON.stringify(person(over)),
      }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(n).fill(201));
  return Promise.all(answers.map(async (a) => (await a.json()).reference as string));
}

/** Registrations placed straight in the outbox, as a long outage would leave them. */
async function backlog(n: number, over: Parameters<typeof person>[0] = {}): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i += 100) {
    const made = await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, async () => {
        const v = validateRegistration({ ...person(over) }, env.config, todayInSerang());
        if (!v.ok) throw new Error('synthetic person invalid');
        const item = await acceptRegistration(
          { values: v.value, labels: choiceLabels(v.value, env.config), lang: 'id', consentVersion: env.config.consent.version },
          { nikHash: nikHash(v.value.nik) },
        );
        return item.reference;
      }),
    );
    refs.push(...made);
  }
  return refs;
}

async function countsFor(references: string[]) {
  const counts = new Map<string, number>();
  for (const r of await env.records()) counts.set(String(r.fields.Referensi), (counts.get(String(r.fields.Referensi)) ?? 0) + 1);
  return references.map((ref) => counts.get(ref) ?? 0);
}
async function expectExactlyOnce(references: string[]) {
  const counts = await countsFor(references);
  const wrong = references.filter((_, i) => counts[i] !== 1);
  expect(wrong).toEqual([]);
}
const too429 = async () => (await env.standin.requests()).filter((r) => r.status === 429).length;
const airtableCalls = () => env.standin.requestCount();

describe('the request path', () => {
  it('never calls Airtable: 200 registrations at once cause no Airtable call and no 429', async () => {
    const before = await airtableCalls();
    const refs = await burst(200);
    expect(await airtableCalls()).toBe(before);
    expect((await waitingReferences()).sort()).toEqual([...refs].sort());
    const rateLimited = await too429();
    await drainAll();
    await expectExactlyOnce(refs);
    expect(await too429()).toBe(rateLimited);
  }, 120_000);
});

describe('delivery when Airtable fails', () => {
  it('Airtable down: the delivery pauses as a whole, no record is charged, all are due when it is back', async () => {
    await env.standin.fail({ kind: 'status', status: 503 });
    const refs = await burst(25);
    const report = await run();
    expect(report).toMatchObject({ delivered: 0, held: 0, paused: 'SERVICE_UNAVAILABLE 503', unfinished: true });
    // One failed call, then nothing until the pause ends: not the same window again and again.
    const calls = await airtableCalls();
    expect((await run()).paused).toBe('SERVICE_UNAVAILABLE 503');
    expect(await airtableCalls()).toBe(calls);
    expect((await waitingItems()).filter((i) => i.notBefore)).toEqual([]);
    await env.standin.heal();
    const until = (await currentPause())!.until;
    await new Promise((r) => setTimeout(r, until - Date.now() + 20));
    const back = await run();
    expect(back.delivered).toBe(25);
    expect(await currentPause()).toBeUndefined();
    await expectExactlyOnce(refs);
  }, 60_000);

  it('a 429 storm: everyone waits out the penalty, then everything goes', async () => {
    await env.standin.fail({ kind: 'status', status: 429, times: 3 });
    const refs = await burst(25);
    await drainAll();
    await expectExactlyOnce(refs);
  }, 60_000);

  it.each([
    ['intermittent 500s', { kind: 'status', status: 500, times: 7 } as const],
    ['timeouts', { kind: 'timeout', times: 4 } as const],
  ])(
    '%s',
    async (_why, fault) => {
      await env.standin.fail(fault);
      const refs = await burst(20);
      await drainAll();
      await expectExactlyOnce(refs);
    },
    60_000,
  );

  it('no slot from the shared budget (its store not answering): no Airtable call, delivery pauses', async () => {
    const refs = await backlog(10);
    const before = await airtableCalls();
    const report = await run({}, testClient({ budget: { take: async () => false } }));
    expect(report).toMatchObject({ delivered: 0, paused: 'BUDGET_UNAVAILABLE', unfinished: true });
    expect(await airtableCalls()).toBe(before);
    await drainAll();
    await expectExactlyOnce(refs);
  }, 60_000);

  it('a refused connection (Airtable unreachable), then back', async () => {
    await env.standin.down();
    const refs = await burst(10);
    expect((await run()).paused).toMatch(/./);
    await env.standin.up();
    await drainAll();
    await expectExactlyOnce(refs);
  }, 60_000);

  it('the reply lost after the write: looked up, never created twice', async () => {
    await env.standin.fail({ kind: 'drop-after-write', times: 1 });
    const refs = await burst(3);
    await run();
    // Airtable has them, but the run could not know: still waiting, marked as sent.
    expect(await countsFor(refs)).toEqual([1, 1, 1]);
    expect((await waitingItems()).every((i) => i.sentAt)).toBe(true);
    await drainAll();
    await expectExactlyOnce(refs);
    expect(await waitingReferences()).toEqual([]);
    // A wrong birth date for them is still told without Airtable (none given here: it would answer "busy"),
    // so their checks take the time of any other reference's.
    const wrong = await Promise.all(
      refs.map((r, i) => checkStatus(r, '1901-01-01', { airtable: undefined, ip: `198.51.100.${40 + i}`, floorMs: 0 })),
    );
    expect(wrong.map((a) => a.kind)).toEqual(['nomatch', 'nomatch', 'nomatch']);
  }, 60_000);

  it('a deliverer that dies mid-window, and the next run after its lease expires', async () => {
    const refs = await backlog(60);
    let calls = 0;
    // The first run freezes for good after two Airtable calls (as a killed process would).
    void run({ leaseMs: 2000 }, testClient({ onCall: () => (++calls > 2 ? new Promise(() => {}) : Promise.resolve()) }));
    await new Promise((r) => setTimeout(r, 2500));
    await drainAll();
    await expectExactlyOnce(refs);
  }, 60_000);
});

describe('no record holds up another', () => {
  it('a record refused for its content: the other nine of its batch go in the same run, it alone backs off', async () => {
    const good = await backlog(9);
    // A record Airtable refuses (a date it cannot read), accepted in the middle of the others.
    const v = validateRegistration({ ...person() }, env.config, todayInSerang());
    if (!v.ok) throw new Error('invalid');
    const poison = (
      await acceptRegistration({
        values: { ...v.value, birthDate: 'bukan tanggal' },
        labels: {},
        lang: 'id',
        consentVersion: env.config.consent.version,
      })
    ).reference;
    const more = await backlog(5);
    const report = await run();
    expect(report).toMatchObject({ delivered: 14, held: 1 });
    expect(report.paused).toBeUndefined();
    await expectExactlyOnce([...good, ...more]);
    expect(await countsFor([poison])).toEqual([0]);
    const status = await outboxStatus();
    expect(status).toMatchObject({ due: 0, held: 1, errorsByType: { 'INVALID_VALUE_FOR_COLUMN 422': 1 } });
    expect(status.heldRecords[0]).toMatchObject({ reference: poison, attempts: 1 });
    expect(Date.parse(status.heldRecords[0]!.notBefore!)).toBeGreaterThan(Date.now() + 30_000);
    // Backing off: the next run spends no Airtable call on it.
    const calls = await airtableCalls();
    await run();
    expect(await airtableCalls()).toBe(calls);
    // Staff would correct or erase it; here it goes, so the next tests start with an empty outbox.
    await removeItem((await readItem(poison))!);
  }, 60_000);

  it('many records sharing one NIK: no lookup grows with them, and every one is flagged, the first too', async () => {
    const { nik, birthDate } = person();
    const refs = await backlog(300, { nik, birthDate });
    const before = await airtableCalls();
    const reports = await drainAll();
    await expectExactlyOnce(refs);
    // 30 creates and one lookup+update for the first record at most: no listing of the 300.
    expect((await airtableCalls()) - before).toBeLessThanOrEqual(33);
    expect(reports.every((r) => !r.paused)).toBe(true);
    const flagged = (await env.records()).filter((r) => refs.includes(String(r.fields.Referensi)) && r.fields['NIK ganda'] === true);
    expect(flagged).toHaveLength(300);
  }, 90_000);

  it('the first to register a NIK is flagged in Airtable when a second record with it arrives later', async () => {
    const p = person();
    const [first] = await burst(1, { nik: p.nik, birthDate: p.birthDate });
    await drainAll();
    expect((await env.records()).find((r) => r.fields.Referensi === first)?.fields['NIK ganda']).toBeUndefined();
    const [second] = await burst(1, { nik: p.nik, birthDate: p.birthDate });
    await drainAll();
    const rows = await env.records();
    const flag = (ref: string | undefined) => rows.find((r) => r.fields.Referensi === ref)?.fields['NIK ganda'];
    expect([flag(first), flag(second)]).toEqual([true, true]);
  }, 60_000);
});

describe('a backlog of launch size', () => {
  it('a run reads only the window it delivers, not the backlog behind it', async () => {
    await backlog(2000);
    await env.standin.fail({ kind: 'status', status: 503 });
    env.blobRequests.length = 0;
    const report = await run();
    // The first window: 200 records read, whatever waits behind them.
    const reads = env.blobRequests.filter((r) => r.type === 'get' && r.url.includes('/registration-outbox/item')).length;
    expect(reads).toBeLessThanOrEqual(200);
    expect(report.firstWindowMs).toBeLessThan(2000);
    await env.standin.heal();
    await clearOutbox();
  }, 180_000);

  it('a run that cannot finish says so, and the next one resumes where it stopped', async () => {
    const refs = await backlog(400);
    // Time for one window of 200 (about 4 s), not two.
    const first = await run({ budgetMs: 6000 + 1500 + 1000 });
    expect(first).toMatchObject({ unfinished: true });
    expect(first.delivered).toBeGreaterThan(0);
    expect(first.delivered).toBeLessThan(400);
    await drainAll();
    await expectExactlyOnce(refs);
  }, 120_000);
});

describe('exactly once with overlapping deliverers', () => {
  let burners: ChildProcess[] = [];
  afterAll(() => burners.forEach((b) => b.kill()));

  it('scheduled, background and flush at once over 1,000 records, beside CPU-burning processes', async () => {
    const refs = await backlog(1000);
    burners = [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    await env.standin.fail({ kind: 'status', status: 500, times: 2 });
    await Promise.all([run({ leaseMs: 90_000 }), run({ leaseMs: 90_000 }), run({ ignoreBackoff: true, leaseMs: 90_000 })]);
    burners.forEach((b) => b.kill());
    await drainAll();
    await expectExactlyOnce(refs);
    expect(await waitingReferences()).toEqual([]);
  }, 240_000);
});

describe('the scheduled run and the background drain', () => {
  it('the scheduled run stands aside while the background drain runs: one deliverer at a time', async () => {
    const refs = await backlog(5);
    const { default: scheduled } = await import('../../netlify/functions/deliver-registrations');
    expect(await claimBackgroundDrain()).toBe(true);
    const before = await airtableCalls();
    expect((await scheduled(undefined, productionContext() as never)).status).toBe(204);
    expect(await airtableCalls()).toBe(before);
    expect((await waitingReferences()).sort()).toEqual([...refs].sort());
    await releaseBackgroundDrain();
    await scheduled(undefined, productionContext() as never);
    await expectExactlyOnce(refs);
  }, 60_000);
});

describe('outbox status for staff', () => {
  it('counts by state, the oldest age and errors by type, and no personal data; flush delivers', async () => {
    await env.standin.fail({ kind: 'status', status: 503 });
    const refs = await burst(3);
    // A pause that outlasts loading the staff endpoint on a busy machine (the flush ignores it).
    await run({ pauseTimes: { ...testPauses, firstMs: 5_000 } });
    process.env.OUTBOX_ADMIN_TOKEN = 'admin-test';
    const { default: outbox } = await import('../../netlify/functions/outbox');
    expect((await outbox(new Request('http://x/api/outbox'), productionContext() as never)).status).toBe(404);
    const res = await outbox(
      new Request('http://x/api/outbox', { headers: { Authorization: 'Bearer admin-test' } }),
      productionContext() as never,
    );
    const status = await res.json();
    expect(status).toMatchObject({ due: 3, held: 0, leased: 0, pause: { reason: 'SERVICE_UNAVAILABLE 503', failures: 1 } });
    expect(status.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(status);
    for (const item of await waitingItems()) {
      for (const value of [
        item.submission.values.nik,
        item.submission.values.birthDate,
        item.submission.values.phone,
        item.submission.values.fullName,
      ])
        expect(text).not.toContain(String(value));
    }
    await env.standin.heal();
    const flushed = await (
      await outbox(
        new Request('http://x/api/outbox', { method: 'POST', headers: { Authorization: 'Bearer admin-test' } }),
        productionContext() as never,
      )
    ).json();
    expect(flushed.delivered).toBe(3);
    await expectExactlyOnce(refs);
  }, 60_000);

  it('an empty outbox costs no Airtable call', async () => {
    const before = await airtableCalls();
    const report = await run();
    expect(report).toMatchObject({ delivered: 0, windows: 0 });
    expect(await airtableCalls()).toBe(before);
  });
});
