import { createHash } from 'node:crypto';

import { bucket, expireBuckets, store, writeConfirmed } from '../server/blobs';

// Idempotency (store registration-submissions): a repeated submission (a double tap, a retry on a slow
// network) within 24 hours gets the reference it already got, even when both copies arrive at the
// same instant: the first to create `<day>/id/<claim>` owns the submission; the other waits for its
// reference. A claim is the submission id bound to the NIK's keyed hash, so the same id sent with
// another NIK (a shared computer, the back button) is another registration, never someone else's
// receipt. Entries live in a folder per UTC day, so a lookup reads two keys (today's and yesterday's, at
// once) and expiry deletes whole days. A reverse entry per reference lets an erase remove it.

const IDEMPOTENCY_MS = 24 * 3600_000;
export const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const PENDING = 'pending';

const submissions = () => store('submissions');
const lastTwoDays = (now: number) => [bucket.day(now), bucket.day(now - IDEMPOTENCY_MS)];
/** The claim of a submission id for one NIK: neither the id nor the NIK's hash can be read from it. */
const claimOf = (id: string, nikHash: string) => createHash('sha256').update(`${id.toLowerCase()}\n${nikHash}`).digest('base64url');
const idKey = (day: string, claim: string) => `${day}/id/${claim}`;

interface Seen {
  reference: string;
  at: number;
}

async function lookup(claim: string, now: number): Promise<Seen | typeof PENDING | undefined> {
  const found = (await Promise.all(lastTwoDays(now).map((day) => submissions().get(idKey(day, claim), { type: 'json' })))) as (
    Seen | typeof PENDING | null
  )[];
  for (const seen of found) {
    if (seen === PENDING) return PENDING;
    if (seen && now - seen.at < IDEMPOTENCY_MS) return seen;
  }
  return undefined;
}

/** The reference already given for this submission of this NIK within the last 24 hours, if any. */
export async function referenceForSubmission(submissionId: string, nikHash: string, now = Date.now()): Promise<string | undefined> {
  const seen = await lookup(claimOf(submissionId, nikHash), now);
  return seen && seen !== PENDING ? seen.reference : undefined;
}

export type SubmissionClaim = { kind: 'mine' } | { kind: 'earlier'; reference: string } | { kind: 'busy' };

/**
 * Claims a submission of a NIK before it is accepted. `mine`: this request accepts it (and must call
 * rememberSubmission or releaseSubmission); `earlier`: it was accepted already; `busy`: its twin is
 * still being accepted after `waitMs` (the person is asked to look at their receipt or try again).
 * The claim counts only when the store confirmed it (src/server/blobs.ts writeConfirmed): a lost
 * answer is settled by reading the claim's owner back, and an unconfirmed one throws StoreRefused.
 */
export async function claimSubmission(submissionId: string, nikHash: string, now = Date.now(), waitMs = 3000): Promise<SubmissionClaim> {
  const claim = claimOf(submissionId, nikHash);
  const seen = await lookup(claim, now);
  if (seen && seen !== PENDING) return { kind: 'earlier', reference: seen.reference };
  if (!seen && (await writeConfirmed(submissions(), idKey(bucket.day(now), claim), { onlyIfNew: true }, { data: JSON.stringify(PENDING) })))
    return { kind: 'mine' };
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    const again = await lookup(claim, now);
    if (again && again !== PENDING) return { kind: 'earlier', reference: again.reference };
    if (!again) return claimSubmission(submissionId, nikHash, now, until - Date.now());
  }
  return { kind: 'busy' };
}

/** Accepted: later copies of the submission get this reference. */
export async function rememberSubmission(submissionId: string, nikHash: string, reference: string, now = Date.now()): Promise<void> {
  const day = bucket.day(now);
  const claim = claimOf(submissionId, nikHash);
  await Promise.all([
    submissions().setJSON(idKey(day, claim), { reference, at: now }),
    submissions().set(`${day}/ref/${reference}`, claim),
  ]);
}

/** Not accepted (refused, or storing failed): the claim goes, so a corrected resubmission is judged afresh. */
export async function releaseSubmission(submissionId: string, nikHash: string, now = Date.now()): Promise<void> {
  await submissions().delete(idKey(bucket.day(now), claimOf(submissionId, nikHash)));
}

/** Removes the idempotency entries of one reference (an erase), wherever they are still kept. */
export async function forgetSubmission(reference: string, now = Date.now()): Promise<boolean> {
  let found = false;
  for (const day of lastTwoDays(now)) {
    const claim = await submissions().get(`${day}/ref/${reference}`, { type: 'text' });
    if (claim === null) continue;
    found = true;
    await Promise.all([submissions().delete(idKey(day, claim)), submissions().delete(`${day}/ref/${reference}`)]);
  }
  return found;
}

/** Deletes the entries of days that ended more than 24 hours ago, whole days at a time (the daily privacy run). */
export async function expireSubmissions(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  return expireBuckets(submissions(), '', bucket.day(now - IDEMPOTENCY_MS), deadline);
}
