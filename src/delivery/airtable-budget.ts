import { store as blobStore, writeOwned } from '../server/blobs';

// Airtable allows 5 requests a second per base, and every caller shares it: the scheduled run, the
// background drain, a flush by staff, any reader. Each call takes a slot from one schedule kept in
// Blobs, so callers in different function instances never add up to more than the base allows.
// A 429 would cost 30 seconds of silence for everyone, staff's own Airtable use included.

/**
 * At most 5 calls in any 1.04 s — Airtable allows 5 a second — so 48 records a second in batches of
 * 10, with 40 ms over Airtable's second for arrival jitter. A sliding window rather than fixed spacing:
 * a call held up a little does not cost the calls after it their time.
 */
export const CALLS_PER_WINDOW = 5;
export const BUDGET_WINDOW_MS = 1040;

const store = () => blobStore('budget');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * A pause of this process longer than this (a busy machine starving it of CPU) may have held back calls it
 * had already counted as sent: they leave when it resumes, bunched with the ones due then.
 */
const STALL_MS = 100;

/**
 * The calls counted as sent, once the process is known to have stalled until `stallEnd`: any counted within
 * the window before it may have left only then, so it counts as sent then. The next calls then keep a whole
 * window clear of them, as Airtable, which sees them arrive together, counts them.
 */
export function afterStall(times: number[], stallEnd: number): number[] {
  return times.map((t) => (t < stallEnd && stallEnd - t < BUDGET_WINDOW_MS ? stallEnd : t));
}

/** The earliest time a call may go after `times` (the most recent calls, oldest first). */
export function nextAllowed(times: number[], now: number): number {
  const recent = times.slice(-CALLS_PER_WINDOW);
  return Math.max(now, recent.length < CALLS_PER_WINDOW ? 0 : recent[0]! + BUDGET_WINDOW_MS, recent.at(-1) ?? 0);
}

/**
 * Reserves the next free slot, not before `earliest`, and returns its time; undefined when it could
 * not within `tries` (the caller leaves the work to a later run), or when the next free slot is after
 * `latest` — then nothing is reserved, so a caller that will not wait (a status check) costs the others
 * no slot.
 */
async function reserve(baseId: string, earliest: number, tries: number, latest = Infinity): Promise<number | undefined> {
  const s = store();
  for (let attempt = 0; attempt < tries; attempt++) {
    // The ETag from a list (the local Blobs server sends none on reads), then the schedule: the last
    // CALLS_PER_WINDOW slots given out (epoch ms, oldest first), kept in the key's metadata.
    const etag = (await s.list({ prefix: baseId })).blobs.find((b) => b.key === baseId)?.etag;
    const times = etag ? (((await s.getMetadata(baseId))?.metadata.times as number[] | undefined) ?? []) : [];
    const start = Math.max(earliest, nextAllowed(times, Date.now()));
    if (start > latest) return undefined;
    const schedule = { times: [...times, start].slice(-CALLS_PER_WINDOW) };
    if (await writeOwned(s, baseId, schedule, etag ? { onlyIfMatch: etag } : { onlyIfNew: true })) return start;
    await sleep(5 + Math.random() * 25);
  }
  return undefined;
}

export interface Budget {
  /** Waits for the next slot; false when none could be had within `maxWaitMs` (nothing was spent). */
  take(maxWaitMs?: number): Promise<boolean>;
}

type ReserveSlot = (earliest: number, tries: number, latest: number) => Promise<number | undefined>;

/**
 * A budget for one base. Calls from this process queue in order; each reserves its slot in the shared
 * schedule (or, for a script without Blobs, only this process's pacing), and also keeps this process's
 * own calls, as actually sent, within the window.
 */
function airtableBudget(
  baseId: string,
  reserveSlot: ReserveSlot = (earliest, tries, latest) => reserve(baseId, earliest, tries, latest),
): Budget {
  /** When this process's last calls actually went: a call held up late pushes the next ones back. */
  let sent: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const stalls = stallWatch();
  return {
    take(maxWaitMs = Infinity) {
      // The wait counts from the call, queue included: a caller that will not wait long is not kept
      // in line behind others in this process beyond its deadline.
      const deadline = Date.now() + maxWaitMs;
      const turn = queue.then(async () => {
        if (Date.now() > deadline) return false;
        stalls.watch();
        sent = afterStall(sent, stalls.lastEnd());
        const at = await reserveSlot(nextAllowed(sent, 0), Number.isFinite(maxWaitMs) ? 3 : 50, deadline);
        if (at === undefined) return false;
        await sleep(at - Date.now());
        // Woken late: this process stalled, and calls it counted as sent may be leaving only now.
        if (Date.now() - at > STALL_MS) {
          sent = afterStall(sent, Date.now());
          await sleep(nextAllowed(sent, Date.now()) - Date.now());
        }
        sent.push(Date.now());
        if (sent.length > CALLS_PER_WINDOW) sent.shift();
        return true;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/**
 * Notices when this process stops running for longer than STALL_MS (a timer that fires late), so the
 * budget can count calls it sent before as leaving then. A heartbeat that runs only while calls are being
 * paced (a few seconds after the last), and never keeps the process alive.
 */
function stallWatch(): { watch(): void; lastEnd(): number } {
  const BEAT_MS = 25;
  let end = 0;
  let beat: ReturnType<typeof setInterval> | undefined;
  let idleUntil = 0;
  return {
    watch() {
      idleUntil = Date.now() + 5_000;
      if (beat) return;
      let last = Date.now();
      beat = setInterval(() => {
        const now = Date.now();
        if (now - last > BEAT_MS + STALL_MS) end = now;
        last = now;
        if (now > idleUntil) {
          clearInterval(beat);
          beat = undefined;
        }
      }, BEAT_MS);
      beat.unref();
    },
    lastEnd: () => end,
  };
}

// One budget per base and queue for the whole process: callers in one queue (delivery runs, the rights
// tools, the retention run) take slots in order; the status checks have a queue of their own so a check
// never waits in line behind a delivery run sharing its process. Across queues and processes the slots
// come from the one schedule in Blobs.
const budgets = new Map<string, Budget>();

export function sharedBudget(baseId: string, queue: 'work' | 'status' = 'work'): Budget {
  const key = `${queue}:${baseId}`;
  return budgets.get(key) ?? budgets.set(key, airtableBudget(baseId)).get(key)!;
}

/** The shared budget where Netlify Blobs can be reached (on Netlify, under npm start), else this process's own. */
export function budgetForScripts(baseId: string): { budget: Budget; shared: boolean } {
  try {
    store();
    return { budget: sharedBudget(baseId), shared: true };
  } catch {
    // This process's own pacing only, the same 5 calls in 1.04 s: a staff script on a laptop is not
    // coordinated with the site's delivery; a 429 stops it, which it says, and nothing is lost.
    return { budget: airtableBudget(baseId, async (earliest) => Math.max(earliest, Date.now())), shared: false };
  }
}
