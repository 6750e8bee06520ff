import { store, writeOwned } from '../server/blobs';

// Leases (store registration-leases): who may deliver a record right now, so two deliverers
// (overlapping runs, the background drain, a flush, an erase) never work on the same record at once,
// and the background drain's own lease (one at a time). A deliverer that dies releases its lease when
// it ends.
//   record/<ref>        a record being delivered or erased
//   drain/background    the background drain
//   figures/run         the daily figures' computation, one run at a time (src/figures/run.ts)

const leases = () => store('leases');
export const recordLease = (reference: string) => `record/${reference}`;
export const BACKGROUND_LEASE = 'drain/background';

/**
 * Claims a lease for `ttlMs`: create-if-new, or take over an expired one only if nobody changed it
 * meanwhile, then the owner read back (writeOwned).
 */
export async function claim(key: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const s = leases();
  const metadata = { until: now + ttlMs };
  if (await writeOwned(s, key, metadata, { onlyIfNew: true })) return true;
  // ETag first (from list: the local Blobs server sends none on reads), then the expiry: if the lease
  // changes in between, the conditional write fails, as it should.
  const etag = (await s.list({ prefix: key })).blobs.find((b) => b.key === key)?.etag;
  const current = await s.getMetadata(key);
  if (!current || !etag) return writeOwned(s, key, metadata, { onlyIfNew: true });
  if (Number(current.metadata.until) > now) return false;
  return writeOwned(s, key, metadata, { onlyIfMatch: etag });
}

/** Whether someone holds this lease now. */
export async function leaseHeld(key: string, now = Date.now()): Promise<boolean> {
  return (Number((await leases().getMetadata(key))?.metadata.until) || 0) > now;
}

export async function release(key: string): Promise<void> {
  await leases().delete(key);
}

/** References leased right now (a deliverer is sending them): for the status view. */
export async function leasedReferences(now = Date.now()): Promise<string[]> {
  const s = leases();
  const blobs = (await s.list({ prefix: 'record/' })).blobs;
  const live = await Promise.all(
    blobs.map(async (b) => ((Number((await s.getMetadata(b.key))?.metadata.until) || 0) > now ? b.key.slice('record/'.length) : undefined)),
  );
  return live.filter((r): r is string => !!r);
}
