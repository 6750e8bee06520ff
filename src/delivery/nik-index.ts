import { clearSlots, expireBuckets, store, type StoredCounter, storedCounter, writeConfirmed } from '../server/blobs';
import { keyedHash } from '../server/keys';

// The NIK index (store registration-nik-index): keyed hashes of NIKs (HMAC under the NIK-index key,
// src/server/keys.ts), never a NIK in clear.
//   nik/<hash>/first          the first record of a NIK
//   nik/<hash>/shared         present once a second record has the NIK: one read tells delivery to flag
//   nik/<hash>/refs/<ref>     the records of a NIK still held, each with the slot it took and that
//                             slot's owner id: erasing one frees its own slot (not one taken after
//                             staff released the NIK), and erasing the last one clears the markers
//   accepted/<period>/<hash>/<slot>   registrations accepted per NIK in a 30-day period (the limit)

/** At most this many registrations of one NIK are accepted in any 30 days. */
const REGISTRATIONS_PER_NIK = 3;
const PERIOD_MS = 30 * 86_400_000;

const index = () => store('nikIndex');
const periodOf = (ms: number) => String(Math.floor(ms / PERIOD_MS)).padStart(6, '0');

/** A keyed hash of a NIK: the same NIK gives the same hash, which reveals nothing without the key. */
export const nikHash = (nik: string): string => keyedHash('nik-index', nik);

/**
 * The NIK's registrations for the last 30 days (this period's slots, less those the previous period
 * used): a registration takes one by its own create-only write (src/server/blobs.ts), so thirty
 * simultaneous registrations of one NIK accept at most three.
 */
export const nikRegistrations = (hash: string, now = Date.now(), limit = REGISTRATIONS_PER_NIK): StoredCounter =>
  storedCounter(index, {
    folder: `accepted/${periodOf(now)}/${hash}`,
    limit,
    alsoCounting: [`accepted/${periodOf(now - PERIOD_MS)}/${hash}`],
  });

/**
 * Staff give a NIK back to its owner (who came with the KTP, e.g. after someone else registered it):
 * every registration it counted in this period and the last is forgotten. Returns how many.
 */
export async function releaseNik(hash: string, now = Date.now()): Promise<number> {
  const cleared = await Promise.all([periodOf(now), periodOf(now - PERIOD_MS)].map((p) => clearSlots(index(), `accepted/${p}/${hash}`)));
  return cleared[0]! + cleared[1]!;
}

/**
 * Records a NIK at acceptance, with the slot the registration took (`slot`, freed if it is erased). The
 * first record of a NIK takes the `first` marker (confirmed by the store, or by reading its owner back);
 * a later one sets `shared` and returns the first record's reference, to be flagged too (it may be in
 * Airtable already). Throws StoreRefused when the store does not say which.
 */
export async function indexNik(hash: string, reference: string, slot?: { key: string; owner: string }): Promise<string | undefined> {
  const s = index();
  // The record's own entry and the first-record marker are independent: written at once.
  const [, first] = await Promise.all([
    s.set(`nik/${hash}/refs/${reference}`, slot ? JSON.stringify(slot) : ''),
    writeConfirmed(s, `nik/${hash}/first`, { onlyIfNew: true }, { data: reference, owner: reference }),
  ]);
  if (first) return undefined;
  const earlier = await s.get(`nik/${hash}/first`, { type: 'text' });
  if (earlier === reference) return undefined;
  await s.set(`nik/${hash}/shared`, '');
  return earlier ?? undefined;
}

/** The slot a record's entry names, if it names one of this NIK's. */
function slotOf(entry: string | null, hash: string): { key: string; owner: string } | undefined {
  try {
    const slot = JSON.parse(entry ?? '') as { key?: unknown; owner?: unknown };
    return typeof slot.key === 'string' &&
      slot.key.startsWith('accepted/') &&
      slot.key.includes(`/${hash}/`) &&
      typeof slot.owner === 'string'
      ? { key: slot.key, owner: slot.owner }
      : undefined;
  } catch {
    return undefined;
  }
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
  // The slot this registration took, if it is still the one it took: freed, so the NIK may be registered again.
  const slot = slotOf(await s.get(`nik/${hash}/refs/${reference}`, { type: 'text' }), hash);
  if (slot && (await s.getMetadata(slot.key))?.metadata.owner === slot.owner) {
    await s.delete(slot.key);
    removed.push('indeks NIK: satu dari 3 pendaftaran per 30 hari');
  }
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
