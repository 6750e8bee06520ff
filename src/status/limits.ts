import { isIPv6 } from 'node:net';

import { bucket, clearSlots, expireBuckets, releaseSlot, slotsTaken, store, takeSlot } from '../server/blobs';
import { keyedHash } from '../server/keys';

// Limits on the status check, so pairs of (reference, birth date) cannot be guessed at scale. Every
// limit is a counter of create-only slots (src/server/blobs.ts): a check decides after its own slot,
// never on a count read before someone else's, so requests arriving at the same instant cannot pass a
// limit together. A full counter writes nothing. Folders by time bucket, so expiry drops them whole:
//   client/<hour>/<keyed hash of the client>/<slot>   checks from one client in an hour (30)
//   all/<minute>/<slot>                               checks from everyone in a minute (300)
//   ref/<month>/<reference>/<slot>                    birth dates tried on one issued reference in this
//                                                     calendar month and the last, together (10)
// A client is an IPv4 address or an IPv6 /64 (one subscriber's network); its hash is keyed
// (src/server/keys.ts), never the address. A check over its client's limit is not counted in the
// global one, so one client's flood never closes the check for everyone. README "Status check" gives
// the arithmetic.

export const LIMITS: { perClientPerHour: number; perMinute: number; failuresPerReference: number } = {
  perClientPerHour: 30,
  perMinute: 300,
  /** In this calendar month and the previous one together: at most about 120 a year. */
  failuresPerReference: 10,
};

const limits = () => store('limits');
const previousMonth = (ms: number) => {
  const d = new Date(ms);
  return bucket.month(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
};

/** The client a request counts against: an IPv4 address, or the /64 of an IPv6 address. */
export function clientOf(ip: string): string {
  const bare = ip
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (!isIPv6(bare)) return bare.replace(/^::ffff:/i, '');
  // An IPv4 address written as IPv6 (::ffff:1.2.3.4) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

export type Limited = 'ip' | 'global' | 'reference';

/** Counts this check against its client, then (only if within that) against everyone. */
export async function countCheck(ip: string, now = Date.now(), override: Partial<typeof LIMITS> = {}): Promise<Limited | undefined> {
  const l = { ...LIMITS, ...override };
  const client = keyedHash('client', clientOf(ip)).slice(0, 22);
  if (!(await takeSlot(limits(), `client/${bucket.hour(now)}/${client}`, l.perClientPerHour))) return 'ip';
  if (!(await takeSlot(limits(), `all/${bucket.minute(now)}`, l.perMinute))) return 'global';
  return undefined;
}

/**
 * Reserves one birth-date try on an issued reference, before the date is compared: the slot, to give
 * back if the date was right (giveBackTry), or undefined when the reference has had its tries (locked).
 */
export async function reserveTry(reference: string, now = Date.now(), override: Partial<typeof LIMITS> = {}): Promise<string | undefined> {
  const limit = override.failuresPerReference ?? LIMITS.failuresPerReference;
  const before = await slotsTaken(limits(), `ref/${previousMonth(now)}/${reference}`, limit);
  return takeSlot(limits(), `ref/${bucket.month(now)}/${reference}`, limit - before);
}

export const giveBackTry = (slot: string) => releaseSlot(limits(), slot);

/** Staff clear a reference's lock (the owner asked, in person): its tries of this month and the last. */
export async function clearReferenceLock(reference: string, now = Date.now()): Promise<number> {
  const cleared = await Promise.all([bucket.month(now), previousMonth(now)].map((m) => clearSlots(limits(), `ref/${m}/${reference}`)));
  return cleared[0]! + cleared[1]!;
}

/**
 * Drops counters whose time has passed — hours, minutes, and months before the previous one — whole
 * folders, however full (src/server/blobs.ts), until done or `deadline`.
 */
export async function expireStatusLimits(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  const runs = [
    ['client', bucket.hour(now)],
    ['all', bucket.minute(now)],
    ['ref', previousMonth(now)],
  ] as const;
  let deleted = 0;
  for (const [prefix, keepFrom] of runs) {
    const r = await expireBuckets(limits(), prefix, keepFrom, deadline);
    deleted += r.deleted;
    if (r.unfinished) return { deleted, unfinished: true };
  }
  return { deleted, unfinished: false };
}
