import { randomUUID } from 'node:crypto';

import type { StoredCounter, Survey } from '../server/blobs';
import { clientShares, dailyPlaces, firstOverCeiling } from './ceiling';
import { addFlagTask } from './flag-tasks';
import { forgetNikRecord, indexNik, nikRegistrations } from './nik-index';
import { type OutboxItem, type Submission, writeNewItem } from './outbox-items';
import { enqueue, removeItem } from './queue';
import { issueReference } from './references';
import { claimSubmission, releaseSubmission, rememberSubmission } from './submissions';

// Accepting a registration: the one module that writes to several stores (each through its owner).

export type Admission =
  | { kind: 'accepted'; item: OutboxItem }
  /** The same submission (of the same NIK) was accepted already (a double tap, a retry): its reference again. */
  | { kind: 'earlier'; reference: string }
  /** Its twin is being accepted right now and did not finish in time. */
  | { kind: 'pending' }
  /** This client (address, /64 or /48) had its registrations for today (ceiling.ts). */
  | { kind: 'client-limit' }
  /** The NIK had its registrations for the last 30 days (nik-index.ts). */
  | { kind: 'nik-limit' }
  /** Today's ceiling is reached; `alert` for the first request over it (one log line a day). */
  | { kind: 'full'; alert: boolean };

/** Takes a slot of each counter at once; when any take was refused by the store, gives the others back and throws. */
async function takeAll(counters: StoredCounter[], surveys: Survey[], owner: string): Promise<(string | undefined)[]> {
  const results = await Promise.allSettled(counters.map((c, i) => c.take(surveys[i]!, owner)));
  const slots = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
  const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!refused) return slots;
  await Promise.all(slots.map((slot, i) => (slot ? counters[i]!.giveBack(slot).catch(() => undefined) : undefined)));
  throw refused.reason;
}

/**
 * Admits a valid registration: the submission claimed (a double submit is one registration, counted
 * once), then one of the client's registrations of the day and one of the NIK's, then one of today's
 * places — each decided by this request's own create-only write, confirmed by the store, so
 * simultaneous requests cannot pass a limit together and a failing store passes none — then accepted.
 * What was taken is given back when a later step refuses or storing fails. In rounds of store requests
 * sent at once: the submission looked up beside every counter read; the claim; the client's and the
 * NIK's slots; today's place (only once the client's share is taken, so one client cannot fill the day).
 * Throws (StoreRefused or a store error) when nothing could be stored: the person is asked to try again.
 */
export async function admitRegistration(
  submission: Submission,
  options: { submissionId?: string; nikHash: string; dailyLimit?: number; ip?: string },
): Promise<Admission> {
  const { submissionId, nikHash, dailyLimit, ip } = options;
  const now = Date.now();
  const counters = [...(ip === undefined ? [] : clientShares(ip, now)), nikRegistrations(nikHash, now)];
  const nikIndex = counters.length - 1;
  const place = dailyLimit ? dailyPlaces(dailyLimit, now) : undefined;
  const [claim, read] = await Promise.all([
    submissionId ? claimSubmission(submissionId, nikHash, now) : ({ kind: 'mine' } as const),
    Promise.all([Promise.all(counters.map((c) => c.survey())), place?.survey()]).catch((e: unknown) => e as Error),
  ]);
  if (claim.kind === 'earlier') return claim;
  if (claim.kind === 'busy') return { kind: 'pending' };
  const taken: (() => Promise<void>)[] = submissionId ? [() => releaseSubmission(submissionId, nikHash, now)] : [];
  const giveBack = () => Promise.all(taken.map((undo) => undo().catch(() => undefined)));
  try {
    if (read instanceof Error) throw read;
    const [surveys, placeSurvey] = read;
    // One owner id on every slot this registration takes: erasing it later frees its own NIK slot only.
    const owner = randomUUID();
    const slots = await takeAll(counters, surveys, owner);
    slots.forEach((slot, i) => slot && taken.push(() => counters[i]!.giveBack(slot)));
    if (!slots.every(Boolean)) {
      await giveBack();
      return { kind: slots.slice(0, nikIndex).every(Boolean) ? 'nik-limit' : 'client-limit' };
    }
    if (place) {
      const slot = await place.take(placeSurvey!);
      if (!slot) {
        await giveBack();
        return { kind: 'full', alert: await firstOverCeiling(now) };
      }
      taken.push(() => place.giveBack(slot));
    }
    return {
      kind: 'accepted',
      item: await acceptRegistration(submission, {
        ...(submissionId ? { submissionId } : {}),
        nikHash,
        nikSlot: { key: slots[nikIndex]!, owner },
      }),
    };
  } catch (e) {
    await giveBack();
    throw e;
  }
}

/**
 * Durable first: a fresh reference, the sealed record, the NIK indexed, then its queue key — six
 * Blobs writes in four rounds. The record and the NIK index go before the queue key, so a record a
 * deliverer finds in the queue is there in full and knows whether its NIK is shared; the submission
 * id last, so a repeated submission is answered with this reference only once the record is queued.
 * If the record or the index cannot be written, neither is left behind (a record never queued would
 * keep personal data no one delivers).
 */
export async function acceptRegistration(
  submission: Submission,
  options: { submissionId?: string; nikHash?: string; nikSlot?: { key: string; owner: string } } = {},
): Promise<OutboxItem> {
  const at = new Date();
  const reference = await issueReference(at);
  const record = { reference, createdAt: at.toISOString(), attempts: 0, ...(options.nikHash ? { nikHash: options.nikHash } : {}) };
  const [written, indexed] = await Promise.allSettled([
    writeNewItem(record, submission),
    options.nikHash ? indexNik(options.nikHash, reference, options.nikSlot) : undefined,
  ]);
  if (written.status === 'rejected' || indexed.status === 'rejected') {
    await Promise.all([
      removeItem(record).catch(() => undefined),
      options.nikHash ? forgetNikRecord(options.nikHash, reference).catch(() => undefined) : undefined,
    ]);
    throw (written.status === 'rejected' ? written : (indexed as PromiseRejectedResult)).reason;
  }
  const item = written.value;
  const earlier = indexed.value;
  await Promise.all([enqueue(item), earlier ? addFlagTask(earlier) : undefined]);
  if (options.submissionId && options.nikHash) await rememberSubmission(options.submissionId, options.nikHash, reference);
  return item;
}
