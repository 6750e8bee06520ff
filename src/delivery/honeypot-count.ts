import { bucket, store as blobStore } from '../server/blobs';

// Counts form posts caught by the honeypot, per day (UTC), so a real person wrongly caught would show in
// `npm run outbox:status` instead of vanishing. Approximate under concurrency, which is enough for that.

const store = () => blobStore('delivery');
const keyFor = (now: number) => `honeypot/${bucket.day(now)}`;

export async function countHoneypotHit(now = Date.now()): Promise<void> {
  const key = keyFor(now);
  const n = Number(await store().get(key, { type: 'text' })) || 0;
  await store().set(key, String(n + 1));
}

export async function honeypotHits(now = Date.now()): Promise<number> {
  return Number(await store().get(keyFor(now), { type: 'text' })) || 0;
}
