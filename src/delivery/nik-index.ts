import { expireBuckets, releaseSlot, slotsTaken, store, takeSlot } from '../server/blobs';
import { keyedHash } from '../server/keys';

// The NIK index (store registration-nik-index): keyed hashes of NIKs (HMAC under the NIK-index key,
// src/server/keys.ts), never a NIK in clear.
//   nik/<hash>/first          the first record of a NIK
//   nik/<hash>/shared         present once a second record has the NIK: one read tells delivery to flag
//   nik/<hash>/refs/<ref>     the records of a NIK still held, so erasing the last one clears the markers
//   accepted/<period>/<hash>/<slot>   registrations accepted per NIK in a 30-day period (the limit)

/** At most this many registrations of one NIK are accepted in any 30 days. */
const REGISTRATIONS_PER_NIK = 3;
const PERIOD_MS = 30 * 86_400_000;

const index = () => store('nikIndex');
const periodOf = (ms: number) => String(Math.floor(ms / PERIOD_MS)).padStart(6, '0');

/** A keyed hash of a NIK: the same NIK gives the same hash, which reveals nothing without the key. */
export const nikHash = (nik: string): string => keyedHash('nik-index', nik);

/**
 * Takes one of the NIK's registrations for the last 30 days (this period's slots, less those the
 * previous period used): the decision follows this request's own create-only write, so thirty
 * simultaneous registrations of one NIK accept at most three. Returns the slot to give back if the
 * registration is not stored after all, or undefined when the NIK has had its three.
 */
export async function takeNikRegistration(hash: string, now = Date.now(), limit = REGISTRATIONS_PER_NIK): Promise<string | undefined> {
  const previous = await slotsTaken(index(), `accepted/${periodOf(now - PERIOD_MS)}/${hash}`, limit);
  return takeSlot(index(), `accepted/${periodOf(now)}/${hash}`, limit - previous);
}

export const giveBackNikRegistration = (slot: string) => releaseSlot(index(), slot);

/**
 * Records a NIK at acceptance. The first record of a NIK takes the `first` marker; a later one sets
 * `shared` and returns the first record's reference, to be flagged too (it may be in Airtable already).
 */
export async function indexNik(hash: string, reference: string): Promise<string | undefined> {
  const s = index();
  // The record's own entry and the first-record marker are independent: written at once.
  const [, firstWrite] = await Promise.all([
    s.set(`nik/${hash}/refs/${reference}`, ''),
    s.set(`nik/${hash}/first`, reference, { onlyIfNew: true }),
  ]);
  if (firstWrite.modified) return undefined;
  const first = await s.get(`nik/${hash}/first`, { type: 'text' });
  if (first === reference) return undefined;
  await s.set(`nik/${hash}/shared`, '');
  return first ?? undefined;
}

/** Whether another record has the same NIK: one read, whatever their number. */
export async function nikShared(hash: string | undefined): Promise<boolean> {
  if (!hash) return false;
  return (await index().get(`nik/${hash}/shared`, { type: 'text' })) !== null;
}

/** Forgets one record of a NIK (an erase); with the last one, the NIK's markers go too. Returns what it removed. */
export async function forgetNikRecord(hash: string, reference: string): Promise<string[]> {
  const s = index();
  const removed: string[] = [];
  await s.delete(`nik/${hash}/refs/${reference}`);
  if ((await s.get(`nik/${hash}/first`, { type: 'text' })) === reference) {
    await s.delete(`nik/${hash}/first`);
    removed.push('indeks NIK');
  }
  if ((await s.list({ prefix: `nik/${hash}/refs/` })).blobs.length === 0) {
    const markers = await Promise.all(
      ['first', 'shared'].map(async (m) => ((await s.get(`nik/${hash}/${m}`, { type: 'text' })) !== null ? m : '')),
    );
    await Promise.all(markers.filter(Boolean).map((m) => s.delete(`nik/${hash}/${m}`)));
    if (markers.includes('shared')) removed.push('indeks NIK: tanda NIK ganda');
  }
  return removed;
}

/** Drops per-NIK counters of periods that can no longer count (older than the previous one). */
export function expireNikCounters(now = Date.now(), deadline = Infinity) {
  return expireBuckets(index(), 'accepted', periodOf(now - PERIOD_MS), deadline);
}
