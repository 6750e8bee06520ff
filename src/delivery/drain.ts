import { logEvent } from '../server/log';
import { type AirtableClient, BATCH, errorLabel } from './airtable';
import { COLUMNS } from './airtable-fields';
import { type PreparedWindow, prepareWindow, releaseWindow, sendWindow, WINDOW_SIZE } from './deliver';
import { flagTaskDone, flagTasks } from './flag-tasks';
import { outboxKeysFromEnv } from './outbox-crypto';
import { readRecord } from './outbox-items';
import { currentPause, pauseDelivery, type PauseTimes, resumeDelivery } from './pause';
import { nextWindow } from './queue-keys';

// Drains the outbox window after window, near Airtable's ceiling, until it is empty, the time budget
// is spent, or Airtable fails (then delivery pauses as a whole; see pause.ts). The scheduled function
// runs it every minute for 25 s and hands a larger backlog to the background function (15 minutes);
// `npm run outbox:flush` runs it too. An empty outbox costs no Airtable call (monthly API caps make
// idle polling expensive). Nothing is ever dropped: a record Airtable refuses waits under held/.

export interface DrainReport {
  delivered: number;
  held: number;
  flagged: number;
  windows: number;
  calls: number;
  /** Milliseconds from the start of the run to its first window's records in hand. */
  firstWindowMs?: number;
  /** Airtable's failure that paused delivery (this run or an earlier one). */
  paused?: string;
  /** Work was left: the time budget ran out, or delivery is paused. */
  unfinished: boolean;
}

export interface DrainOptions {
  /** The run's time: the scheduled function may run 30 s, a background function 15 minutes. */
  budgetMs?: number;
  /** How long a run holds its records; a run that dies releases them when this expires. */
  leaseMs?: number;
  /** Try held records and a paused delivery now (npm run outbox:flush, after staff fixed the base). */
  ignoreBackoff?: boolean;
  /** How long delivery pauses after Airtable fails (30 s after a 429; 5 s doubling otherwise); shorter only in tests. */
  pauseTimes?: PauseTimes;
}

/** A window of 200 takes about 4.2 s at the ceiling; one is started only if it can finish in time. */
const WINDOW_SEND_MS = 6_000;

export async function drainOutbox(airtable: AirtableClient, opts: DrainOptions = {}): Promise<DrainReport> {
  const { budgetMs = 25_000, leaseMs = budgetMs + 30_000, ignoreBackoff = false } = opts;
  const { timeoutMs } = airtable;
  const started = Date.now();
  const report: DrainReport = { delivered: 0, held: 0, flagged: 0, windows: 0, calls: 0, unfinished: false };
  // Without the outbox keys no record can be opened: every one would be held. Nothing is touched.
  if (!outboxKeysFromEnv()) {
    logEvent('delivery.outbox_key_missing');
    return { ...report, paused: 'OUTBOX_KEY_MISSING', unfinished: true };
  }
  const leasedElsewhere = new Set<string>();
  let pause = await currentPause();
  const paused = () => !!pause && pause.until > Date.now() && !(ignoreBackoff && !pause.reason.includes('429'));
  const timeLeft = () => Date.now() - started <= budgetMs - WINDOW_SEND_MS - timeoutMs;

  /** The next window, skipping records this run holds or saw leased by another deliverer. */
  const prepareNext = async (holding: Set<string>): Promise<PreparedWindow | undefined> => {
    const skip = new Set([...holding, ...leasedElsewhere]);
    const entries = (await nextWindow(WINDOW_SIZE + skip.size, { ignoreBackoff }))
      .filter((e) => !skip.has(e.reference))
      .slice(0, WINDOW_SIZE);
    if (!entries.length) return undefined;
    const prepared = await prepareWindow(airtable, entries, { leaseMs });
    for (const r of prepared.result.skipped) leasedElsewhere.add(r);
    return prepared;
  };

  let upcoming: Promise<PreparedWindow | undefined> | undefined;
  try {
    while (true) {
      if (!timeLeft()) {
        report.unfinished = (await nextWindow(1)).length > 0;
        break;
      }
      if (paused()) {
        report.paused = pause!.reason;
        report.unfinished = true;
        break;
      }
      const current = await (upcoming ?? prepareNext(new Set()));
      upcoming = undefined;
      if (!current) break;
      report.firstWindowMs ??= Date.now() - started;
      // The next window is claimed and read while this one is sent.
      if (!current.result.stop && timeLeft()) upcoming = prepareNext(new Set(current.claimed));
      const result = current.result.stop ? (await releaseWindow(current), current.result) : await sendWindow(airtable, current);
      report.windows++;
      report.calls += result.calls;
      report.delivered += result.delivered.length;
      report.held += result.held.length;
      if (result.stop) {
        pause = await pauseDelivery(result.stop, opts.pauseTimes);
        report.paused = pause.reason;
        report.unfinished = true;
        return report;
      }
      if (pause && result.calls > 0) {
        // The probe went through: Airtable is back.
        await resumeDelivery();
        pause = undefined;
      }
      const nothingMine = !result.delivered.length && !result.held.length && !current.toCreate.length;
      if (nothingMine && !upcoming) break;
    }
  } finally {
    // A window prepared but not sent (the run stopped): its records go back at once.
    const left = await upcoming?.catch(() => undefined);
    if (left) await releaseWindow(left);
  }
  // Then earlier records to flag, ten at a time while the run has time.
  while (!report.paused && Date.now() - started <= budgetMs - timeoutMs * 2) {
    const flagged = await flagEarlierRecords(airtable, report, opts.pauseTimes);
    if (flagged === undefined) break;
    report.flagged += flagged;
  }
  return report;
}

/**
 * Flags "NIK ganda" on records that were delivered before another record with the same NIK arrived,
 * ten at a time: one lookup and one update. Undefined when there is nothing (more) to do now. A record still waiting in the outbox keeps its task until it
 * is in Airtable (it may be on its way without the flag); a record no longer anywhere drops it.
 */
async function flagEarlierRecords(airtable: AirtableClient, report: DrainReport, pauseTimes?: PauseTimes): Promise<number | undefined> {
  const tasks = await flagTasks(BATCH);
  if (!tasks.length) return undefined;
  const client = airtable.with({ onCall: () => report.calls++ });
  try {
    const found = await client.findByReference(tasks, [COLUMNS.duplicateNik]);
    const toFlag = found.filter((r) => r.fields[COLUMNS.duplicateNik] !== true);
    if (toFlag.length) await client.update(toFlag.map((r) => ({ id: r.id, fields: { [COLUMNS.duplicateNik]: true } })));
    const inAirtable = new Set(found.map((r) => r.reference));
    const waiting = await Promise.all(tasks.map(async (ref) => !inAirtable.has(ref) && (await readRecord(ref)) !== undefined));
    const done = tasks.filter((_, i) => !waiting[i]);
    await Promise.all(done.map(flagTaskDone));
    // Tasks whose records are all still on their way: leave them to a later run.
    return done.length ? toFlag.length : undefined;
  } catch (e) {
    report.paused = errorLabel(e);
    await pauseDelivery(report.paused, pauseTimes);
    return undefined;
  }
}
