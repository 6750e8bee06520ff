import { firstOverCeiling, giveBackDailyPlace, takeDailyPlace } from './ceiling';
import { addFlagTask } from './flag-tasks';
import { giveBackNikRegistration, indexNik, takeNikRegistration } from './nik-index';
import { type OutboxItem, type Submission, writeNewItem } from './outbox-items';
import { enqueue } from './queue';
import { issueReference } from './references';
import { claimSubmission, releaseSubmission, rememberSubmission } from './submissions';

// Accepting a registration: the one module that writes to several stores (each through its owner).

export type Admission =
  | { kind: 'accepted'; item: OutboxItem }
  /** The same submission was accepted already (a double tap, a retry): its reference again. */
  | { kind: 'earlier'; reference: string }
  /** Its twin is being accepted right now and did not finish in time. */
  | { kind: 'pending' }
  /** The NIK had its registrations for the last 30 days (nik-index.ts). */
  | { kind: 'nik-limit' }
  /** Today's ceiling is reached; `alert` for the first request over it (one log line a day). */
  | { kind: 'full'; alert: boolean };

/**
 * Admits a valid registration: the submission claimed (a double submit is one registration, counted
 * once), then one of the NIK's registrations, then one of today's places — each decided by this
 * request's own create-only write, so simultaneous requests cannot pass a limit together — then
 * accepted. What was taken is given back when a later step refuses or storing fails.
 */
export async function admitRegistration(
  submission: Submission,
  options: { submissionId?: string; nikHash: string; dailyLimit?: number },
): Promise<Admission> {
  const { submissionId, nikHash, dailyLimit } = options;
  if (submissionId) {
    const claim = await claimSubmission(submissionId);
    if (claim.kind === 'earlier') return claim;
    if (claim.kind === 'busy') return { kind: 'pending' };
  }
  const taken: (() => Promise<void>)[] = submissionId ? [() => releaseSubmission(submissionId)] : [];
  const giveBack = () => Promise.all(taken.map((undo) => undo().catch(() => undefined)));
  try {
    const nikSlot = await takeNikRegistration(nikHash);
    if (!nikSlot) {
      await giveBack();
      return { kind: 'nik-limit' };
    }
    taken.push(() => giveBackNikRegistration(nikSlot));
    if (dailyLimit) {
      const place = await takeDailyPlace(dailyLimit);
      if (!place) {
        await giveBack();
        return { kind: 'full', alert: await firstOverCeiling() };
      }
      taken.push(() => giveBackDailyPlace(place));
    }
    return { kind: 'accepted', item: await acceptRegistration(submission, { ...(submissionId ? { submissionId } : {}), nikHash }) };
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
 */
export async function acceptRegistration(
  submission: Submission,
  options: { submissionId?: string; nikHash?: string } = {},
): Promise<OutboxItem> {
  const at = new Date();
  const reference = await issueReference(at);
  const record = { reference, createdAt: at.toISOString(), attempts: 0, ...(options.nikHash ? { nikHash: options.nikHash } : {}) };
  const [item, earlier] = await Promise.all([
    writeNewItem(record, submission),
    options.nikHash ? indexNik(options.nikHash, reference) : undefined,
  ]);
  await Promise.all([enqueue(item), earlier ? addFlagTask(earlier) : undefined]);
  if (options.submissionId) await rememberSubmission(options.submissionId, reference);
  return item;
}
