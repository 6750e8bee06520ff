import { createHmac } from 'node:crypto';
import { getStore } from '@netlify/blobs';

// Limits on the status check, so pairs of (reference, birth date) cannot be guessed at scale. Counters
// in Blobs, in folders per time bucket, so expiry drops whole buckets (expireStatusLimits):
//   ip/<hour>/<keyed hash of the IP>   checks from one address in an hour (the IP itself is never stored)
//   all/<minute>                       checks from everyone in a minute
//   ref/<month>/<reference>            failed checks of one reference in a calendar month; the limit
//                                      counts this month and the last, so a lock lasts 30–60 days
// A counter is read, then written: two checks at the same instant may both pass, which moves a limit
// by a few — harmless for limits meant to make guessing take years. README "Status check" gives the
// arithmetic.

export const LIMITS: { perIpPerHour: number; perMinute: number; failuresPerReference: number } = {
  perIpPerHour: 30,
  perMinute: 300,
  /** In this calendar month and the previous one together: at most about 120 a year. */
  failuresPerReference: 10,
};

const store = () => getStore({ name: 'status-limits', consistency: 'strong' });
const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
const minuteOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7).replace('-', '');
const previousMonth = (ms: number) => {
  const d = new Date(ms);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
};

const ipKey = (ip: string, now: number) => `ip/${hourOf(now)}/${createHmac('sha256', process.env.NIK_INDEX_KEY ?? 'status').update(ip).digest('base64url').slice(0, 22)}`;

async function bump(key: string): Promise<number> {
  const s = store();
  const n = Number((await s.get(key, { type: 'text' })) ?? 0) + 1;
  await s.set(key, String(n));
  return n;
}

export type Limited = 'ip' | 'global' | 'reference';

/** Counts this check; says which limit it is over, if any. */
export async function countCheck(ip: string, now = Date.now(), limits: Partial<typeof LIMITS> = {}): Promise<Limited | undefined> {
  const l = { ...LIMITS, ...limits };
  const [perIp, perMinute] = await Promise.all([bump(ipKey(ip, now)), bump(`all/${minuteOf(now)}`)]);
  if (perIp > l.perIpPerHour) return 'ip';
  if (perMinute > l.perMinute) return 'global';
  return undefined;
}

/** Whether this reference had too many failed checks lately: then no check of it is answered, right or wrong. */
export async function referenceLocked(reference: string, now = Date.now(), limits: Partial<typeof LIMITS> = {}): Promise<boolean> {
  const counts = await Promise.all([monthOf(now), previousMonth(now)].map(async (m) => Number((await store().get(`ref/${m}/${reference}`, { type: 'text' })) ?? 0)));
  return counts[0]! + counts[1]! >= (limits.failuresPerReference ?? LIMITS.failuresPerReference);
}

/** A failed check of a reference (never issued, or the birth date does not match): counted the same. */
export async function countFailure(reference: string, now = Date.now()): Promise<void> {
  await bump(`ref/${monthOf(now)}/${reference}`);
}

/**
 * Drops counters whose time has passed — hours, minutes, and months before the previous one — at most
 * `limit` keys a call (the daily privacy run; what is left goes next time). Lists folders, then only
 * the keys of folders that are done.
 */
export async function expireStatusLimits(limit: number, now = Date.now()): Promise<{ deleted: number; unfinished: boolean }> {
  const s = store();
  const keep = new Set([`ip/${hourOf(now)}`, `ref/${monthOf(now)}`, `ref/${previousMonth(now)}`]);
  let deleted = 0;
  const drop = async (keys: string[]) => {
    for (const key of keys) {
      if (deleted >= limit) return false;
      await s.delete(key);
      deleted++;
    }
    return true;
  };
  for (const kind of ['ip', 'ref'] as const) {
    for (const folder of (await s.list({ prefix: `${kind}/`, directories: true })).directories.filter((d) => !keep.has(d))) {
      for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) {
        if (!(await drop(page.blobs.map((b) => b.key)))) return { deleted, unfinished: true };
      }
    }
  }
  // One key a minute: a day leaves 1,440.
  const minutes = (await s.list({ prefix: 'all/' })).blobs.map((b) => b.key).filter((k) => k.slice(4) < minuteOf(now));
  if (!(await drop(minutes))) return { deleted, unfinished: true };
  return { deleted, unfinished: false };
}
