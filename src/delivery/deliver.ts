import { INITIAL_STATUS } from '../shared/registration-status';
import { type AirtableClient, BATCH, errorLabel, isRecordError } from './airtable';
import { COLUMNS, toAirtableFields } from './airtable-fields';
import { claim, recordLease, release } from './leases';
import { nikShared } from './nik-index';
import { OutboxKeyError } from './outbox-crypto';
import { markSent, type OutboxItem, readItem } from './outbox-items';
import { dropEntry, holdItem, holdUnreadable, removeItem } from './queue';
import type { QueueEntry } from './queue-keys';
import { birthHash, writeCachedStatus } from './status-cache';

// Delivers the outbox to Airtable a window (at most WINDOW_SIZE records) at a time, every call through the
// client (so through the shared budget): prepareWindow, then sendWindow. Fresh records are created in
// batches of 10, Airtable's limit, with no lookup; only a record whose earlier create may have reached
// Airtable (sent, no answer) is looked up first, by its reference, so it is never created twice. A batch Airtable refuses for its content is split until the
// refused record is alone: it alone waits out a backoff, the others are delivered in the same run.
// Airtable's own failures (429, 5xx, no answer, a bad token or table) stop the window: the caller
// pauses delivery as a whole.

export const WINDOW_SIZE = 200;
/** Creates in flight at once: Airtable answers in a few hundred ms, slots come every 210 ms. */
const IN_FLIGHT = 3;

export interface WindowResult {
  delivered: string[];
  held: { reference: string; error: string }[];
  /** Leased by another deliverer: left alone this time. */
  skipped: string[];
  /** Airtable's failure that stopped the window; the caller pauses delivery. */
  stop?: string;
  calls: number;
}

export interface WindowOptions {
  /** How long this deliverer may hold the records. */
  leaseMs: number;
}

/**
 * A window made ready to send: its records claimed and read, those whose earlier create reached
 * Airtable found (and removed), and which NIKs are shared. Done while the previous window is being
 * sent, so the drain's calls follow each other without a gap.
 */
export interface PreparedWindow {
  /** Claimed by this deliverer; released by sendWindow or releaseWindow. */
  claimed: string[];
  toCreate: OutboxItem[];
  shared: Set<string>;
  result: WindowResult;
}

export async function prepareWindow(airtable: AirtableClient, entries: QueueEntry[], opts: WindowOptions): Promise<PreparedWindow> {
  const result: WindowResult = { delivered: [], held: [], skipped: [], calls: 0 };
  const unique = [...new Map(entries.map((e) => [e.reference, e])).values()].slice(0, WINDOW_SIZE);
  const won = await Promise.all(unique.map((e) => claim(recordLease(e.reference), opts.leaseMs)));
  const mine = unique.filter((_, i) => won[i]);
  const prepared: PreparedWindow = { claimed: mine.map((e) => e.reference), toCreate: [], shared: new Set(), result };
  result.skipped = unique.filter((_, i) => !won[i]).map((e) => e.reference);
  try {
    const UNREADABLE = 'unreadable' as const;
    const read = await Promise.all(
      mine.map((e) =>
        readItem(e.reference).catch(async (err: unknown) => {
          // A record this deliverer cannot open must not stop the others: it is held, not dropped.
          if (!(err instanceof OutboxKeyError)) throw err;
          await holdUnreadable(e.reference, err.code);
          result.held.push({ reference: e.reference, error: err.code });
          return UNREADABLE;
        }),
      ),
    );
    // A queue key whose record is gone was delivered or erased meanwhile.
    await Promise.all(mine.map((e, i) => (read[i] ? undefined : dropEntry(e))));
    const items = read.filter((i): i is OutboxItem => !!i && i !== UNREADABLE);

    // Sent before without an answer: find what reached Airtable, ten references a call, page by page.
    const maybeSent = items.filter((i) => i.sentAt);
    const found = new Set<string>();
    try {
      const pages = counted(airtable, result).referencePages(
        maybeSent.map((i) => i.reference),
        [COLUMNS.reference],
      );
      for await (const page of pages) for (const r of page) found.add(r.reference);
    } catch (e) {
      result.stop = errorLabel(e);
    }
    const already = maybeSent.filter((i) => found.has(i.reference));
    // Its status is Airtable's to tell (staff may have moved it since), but a wrong birth date is
    // still answered from the cache: no Airtable read that would set this reference's timing apart.
    await cacheBirth(already, false);
    await Promise.all(already.map((i) => removeItem(i)));
    result.delivered.push(...already.map((i) => i.reference));
    prepared.toCreate = items.filter((i) => !found.has(i.reference));
    const shared = await Promise.all(prepared.toCreate.map(async (i) => ((await nikShared(i.nikHash)) ? i.reference : '')));
    prepared.shared = new Set(shared.filter(Boolean));
    return prepared;
  } catch (e) {
    await releaseWindow(prepared);
    throw e;
  }
}

/**
 * What the status check needs of a delivered record without asking Airtable: the birth date's keyed
 * hash, and the first status when this run just created it.
 */
const cacheBirth = (items: OutboxItem[], created: boolean) =>
  Promise.all(
    items.map((i) =>
      writeCachedStatus(i.reference, {
        ...(created ? { status: INITIAL_STATUS } : {}),
        birth: birthHash(i.reference, i.submission.values.birthDate),
        at: Date.now(),
      }),
    ),
  );

/** Every Airtable call of a window, counted in its result. */
const counted = (airtable: AirtableClient, result: WindowResult) => airtable.with({ onCall: () => result.calls++ });

export async function releaseWindow(prepared: PreparedWindow): Promise<void> {
  await Promise.all(prepared.claimed.map((r) => release(recordLease(r))));
  prepared.claimed = [];
}

/** Creates a prepared window's records, ten a call, a few calls in flight; then releases the window. */
export async function sendWindow(airtable: AirtableClient, prepared: PreparedWindow): Promise<WindowResult> {
  const { result, shared } = prepared;
  const client = counted(airtable, result);
  const record = (i: OutboxItem) => ({
    ...toAirtableFields(i.reference, i.submission, new Date(i.createdAt)),
    [COLUMNS.duplicateNik]: shared.has(i.reference),
  });
  const create = async (batch: OutboxItem[]): Promise<void> => {
    if (result.stop) return;
    const sent = await Promise.all(batch.map((i) => markSent(i)));
    try {
      await client.create(sent.map(record));
      // The status check's first answer after delivery needs no Airtable call: the first status, as just created.
      await cacheBirth(sent, true);
      await Promise.all(sent.map((i) => removeItem(i)));
      result.delivered.push(...sent.map((i) => i.reference));
    } catch (e) {
      if (!isRecordError(e)) {
        result.stop ??= errorLabel(e);
        return;
      }
      if (sent.length === 1) {
        await holdItem(sent[0]!, errorLabel(e));
        result.held.push({ reference: sent[0]!.reference, error: errorLabel(e) });
        return;
      }
      // Halve until the refused record is alone: one bad record costs a few calls, not nine records.
      const half = Math.ceil(sent.length / 2);
      await create(sent.slice(0, half));
      await create(sent.slice(half));
    }
  };
  try {
    const inFlight = new Set<Promise<void>>();
    for (let n = 0; n < prepared.toCreate.length && !result.stop; n += BATCH) {
      const p: Promise<void> = create(prepared.toCreate.slice(n, n + BATCH)).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return result;
  } finally {
    await releaseWindow(prepared);
  }
}
