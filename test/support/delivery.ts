import { type AirtableClient, airtableClientFromEnv, type ClientOptions } from '../../src/delivery/airtable';
import { type DrainOptions, drainOutbox, type DrainReport } from '../../src/delivery/drain';
import { flagTaskDone, flagTasks } from '../../src/delivery/flag-tasks';
import { type OutboxItem, readItem, readRecord } from '../../src/delivery/outbox-items';
import { currentPause } from '../../src/delivery/pause';
import { dropEntry, removeItem } from '../../src/delivery/queue';
import { allEntries } from '../../src/delivery/queue-keys';

/** Short pauses, matching the stand-in's short penalty in tests (Airtable's are 30 s and 5 s doubling). */
export const testPauses = { rateLimitMs: 1600, firstMs: 150 };

/** The tests' Airtable client (the stand-in the environment names), with short timeouts. */
export const testClient = (options: ClientOptions = {}): AirtableClient => airtableClientFromEnv({ timeoutMs: 1500, ...options })!;

/** Everything still waiting (due or held), bodies read: for tests only, never for a delivery run. */
export async function waitingItems(): Promise<OutboxItem[]> {
  const { due, held } = await allEntries();
  const items = await Promise.all([...due, ...held].map((e) => readItem(e.reference)));
  return items.filter((i): i is OutboxItem => !!i);
}

export async function waitingReferences(): Promise<string[]> {
  const { due, held } = await allEntries();
  return [...due, ...held].map((e) => e.reference);
}

/** Runs the drain as the schedule would, waiting out any pause, until nothing waits (flags included) or `maxRuns` ran. */
export async function drainAll(opts: DrainOptions = {}, maxRuns = 20): Promise<DrainReport[]> {
  const reports: DrainReport[] = [];
  const work = async () => (await waitingReferences()).length + (await flagTasks(1)).length > 0;
  for (let run = 0; run < maxRuns && (await work()); run++) {
    const pause = await currentPause();
    if (pause && pause.until > Date.now()) await new Promise((r) => setTimeout(r, pause.until - Date.now() + 20));
    reports.push(await drainOutbox(testClient(), { budgetMs: 60_000, pauseTimes: testPauses, ...opts }));
  }
  return reports;
}

/** Empties the outbox without delivering (a test that filled it only to measure a run). */
export async function clearOutbox(): Promise<void> {
  const { due, held } = await allEntries();
  const entries = [...due, ...held];
  for (let i = 0; i < entries.length; i += 100) {
    await Promise.all(
      entries.slice(i, i + 100).map(async (e) => {
        const item = await readRecord(e.reference);
        await (item ? removeItem(item) : dropEntry(e));
      }),
    );
  }
  await Promise.all((await flagTasks(Infinity)).map(flagTaskDone));
}
