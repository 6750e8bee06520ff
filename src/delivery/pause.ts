import { store as blobStore } from '../server/blobs';

// When Airtable itself fails (429, 5xx, a timeout, a refused connection, a bad token), delivery as a
// whole waits, never a record: when Airtable is back, everything waiting is due at once. After the
// pause the next call is the probe: it succeeds and delivery resumes, or the pause grows.

export interface Pause {
  until: number;
  /** Failures in a row; the pause doubles with each, from 5 s up to 5 minutes. */
  failures: number;
  reason: string;
}

/** Airtable refuses every request for 30 seconds after a 429. */
export const RATE_LIMIT_PAUSE_MS = 30_000;

const state = () => blobStore('delivery');

export async function currentPause(): Promise<Pause | undefined> {
  return ((await state().get('pause', { type: 'json' })) as Pause | null) ?? undefined;
}

export interface PauseTimes {
  /** After a 429: Airtable's penalty. */
  rateLimitMs?: number;
  /** After the first other failure; doubles with each failure in a row, up to 5 minutes. */
  firstMs?: number;
}

export function pauseLength(
  reason: string,
  failures: number,
  { rateLimitMs = RATE_LIMIT_PAUSE_MS, firstMs = 5_000 }: PauseTimes = {},
): number {
  return reason.includes('429') ? rateLimitMs : Math.min(300_000, firstMs * 2 ** Math.max(0, failures - 1));
}

export async function pauseDelivery(reason: string, times: PauseTimes = {}, now = Date.now()): Promise<Pause> {
  const failures = ((await currentPause())?.failures ?? 0) + 1;
  const pause = { until: now + pauseLength(reason, failures, times), failures, reason };
  await state().setJSON('pause', pause);
  return pause;
}

export async function resumeDelivery(): Promise<void> {
  await state().delete('pause');
}
