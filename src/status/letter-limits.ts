import { bucket, expireBuckets, releaseSlot, store, takeSlot } from '../server/blobs';
import { keyedHash } from '../server/keys';
import { clientOf } from './limits';

// Limits on the letter verification page, built from the status check's own primitives — the client
// (clientOf), its keyed hash, create-only slot counters (takeSlot) in time-bucket folders — so whatever
// improves those improves these. In the status check's store, beside its counters:
//   letter-client/<hour>/<client>/<slot>   verifications from one client in an hour (20)
//   letter-all/<minute>/<slot>             verifications from everyone in a minute (120), counting only
//                                          those within their client's limit
//   letter-wrong/<day>/<client>/<slot>     codes from one client that matched no letter, this UTC day (10):
//                                          reserved before the code is looked up, given back when it matched
// README "Selection invitations" gives the arithmetic.

export const LETTER_LIMITS: { perClientPerHour: number; perMinute: number; wrongPerClientPerDay: number } = {
  perClientPerHour: 20,
  perMinute: 120,
  wrongPerClientPerDay: 10,
};

export type LetterLimited = 'client' | 'global' | 'wrong';

const limits = () => store('limits');
const clientKey = (ip: string) => keyedHash('client', clientOf(ip)).slice(0, 22);

/**
 * Counts one verification against its client, then everyone, then reserves one of the client's
 * wrong-code tries: the slot to give back when the code matched (giveBackWrong), or which limit was hit.
 */
export async function countVerification(
  ip: string,
  now = Date.now(),
  override: Partial<typeof LETTER_LIMITS> = {},
): Promise<{ wrongSlot: string } | { limited: LetterLimited }> {
  const l = { ...LETTER_LIMITS, ...override };
  const client = clientKey(ip);
  if (!(await takeSlot(limits(), `letter-client/${bucket.hour(now)}/${client}`, l.perClientPerHour))) return { limited: 'client' };
  if (!(await takeSlot(limits(), `letter-all/${bucket.minute(now)}`, l.perMinute))) return { limited: 'global' };
  const wrongSlot = await takeSlot(limits(), `letter-wrong/${bucket.day(now)}/${client}`, l.wrongPerClientPerDay);
  return wrongSlot ? { wrongSlot } : { limited: 'wrong' };
}

/** A code that matched a letter is not a wrong try: its slot goes back. */
export const giveBackWrong = (slot: string) => releaseSlot(limits(), slot);

/** Drops the verification counters whose hour, minute or day has passed, whole folders, until done or `deadline`. */
export async function expireLetterLimits(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  let deleted = 0;
  for (const [prefix, keepFrom] of [
    ['letter-client', bucket.hour(now)],
    ['letter-all', bucket.minute(now)],
    ['letter-wrong', bucket.day(now)],
  ] as const) {
    const r = await expireBuckets(limits(), prefix, keepFrom, deadline);
    deleted += r.deleted;
    if (r.unfinished) return { deleted, unfinished: true };
  }
  return { deleted, unfinished: false };
}
