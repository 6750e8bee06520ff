import { randomUUID } from 'node:crypto';
import { getStore } from '@netlify/blobs';

// Airtable allows 5 requests a second per base, and every caller shares it: the scheduled run, the
// background drain, a flush by staff, any reader. Each call takes a slot from one schedule kept in
// Blobs, so callers in different function instances never add up to more than the base allows.
// A 429 would cost 30 seconds of silence for everyone, staff's own Airtable use included.

/**
 * 5 calls per 1.06 s: 4.72 a second, 47.2 records a second in batches of 10. The 60 ms over Airtable's
 * second absorb arrival jitter (a request held up a little, the next one on time).
 */
export const SLOT_MS = 212;

const store = () => getStore({ name: 'airtable-budget', consistency: 'strong' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Schedule {
  /** The first free slot (epoch ms). */
  next: number;
  owner: string;
}

/**
 * Reserves the next free slot, not before `earliest`, and returns its time; undefined when it could
 * not within `tries` (the caller leaves the work to a later run).
 */
async function reserve(baseId: string, earliest: number, slotMs: number, tries: number): Promise<number | undefined> {
  const s = store();
  for (let attempt = 0; attempt < tries; attempt++) {
    const owner = randomUUID();
    // The ETag from a list (the local Blobs server sends none on reads), then the value.
    const etag = (await s.list({ prefix: baseId })).blobs.find((b) => b.key === baseId)?.etag;
    const current = etag ? ((await s.get(baseId, { type: 'json' })) as Schedule | null) : null;
    const start = Math.max(Date.now(), earliest, current?.next ?? 0);
    const value: Schedule = { next: start + slotMs, owner };
    const written = etag ? await s.setJSON(baseId, value, { onlyIfMatch: etag }) : await s.setJSON(baseId, value, { onlyIfNew: true });
    if (written.modified) {
      // Read back: where conditional writes are check-then-write (the local Blobs server), two
      // writers can both succeed; only the one whose owner id stayed has the slot.
      await sleep(10);
      if (((await s.get(baseId, { type: 'json' })) as Schedule | null)?.owner === owner) return start;
    }
    await sleep(5 + Math.random() * 25);
  }
  return undefined;
}

export interface Budget {
  /** Waits for the next slot; false when none could be had within `maxWaitMs` (nothing was spent). */
  take(maxWaitMs?: number): Promise<boolean>;
}

/**
 * A budget for one base. Calls from this process queue in order; each reserves its own slot while
 * the previous one waits for its time, so the reservation costs the drain nothing.
 */
export function airtableBudget(baseId: string, { slotMs = SLOT_MS } = {}): Budget {
  /** When this process last let a call go: a call held up late pushes the next one back too. */
  let last = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    take(maxWaitMs = Infinity) {
      const turn = queue.then(async () => {
        const at = await reserve(baseId, last + slotMs, slotMs, Number.isFinite(maxWaitMs) ? 3 : 50);
        if (at === undefined || at - Date.now() > maxWaitMs) return false;
        await sleep(at - Date.now());
        last = Date.now();
        return true;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
