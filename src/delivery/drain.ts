import type { AirtableSettings } from './airtable';
import { deliverItems, WINDOW } from './deliver';
import { isDue, listOutbox, penaltyUntil } from './outbox';

// Delivers everything waiting in the outbox, pacing requests under Airtable's 5 a second per base.
// Used by the scheduled function (every minute) and `npm run outbox:flush`. An empty outbox costs no
// Airtable call (monthly API caps make idle polling expensive). A record Airtable keeps refusing stays
// in the outbox with its error until the base is fixed: nothing is ever dropped.

interface WorkerReport {
  pending: number;
  delivered: number;
  failed: number;
  rateLimited: boolean;
  /** Stopped because the time budget ran out. */
  unfinished: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lets a call start only while fewer than `limit` started in the last `windowMs`: Airtable's rule
 * (5 a second per base), with a margin for the time a request takes to arrive.
 */
function rateLimiter(limit = 5, windowMs = 1100): () => Promise<void> {
  const starts: number[] = [];
  return async function take(): Promise<void> {
    const now = Date.now();
    while (starts.length && now - starts[0]! >= windowMs) starts.shift();
    if (starts.length < limit) {
      starts.push(now);
      return;
    }
    await sleep(windowMs - (now - starts[0]!));
    return take();
  };
}

interface WorkerOptions {
  /** The scheduled function may run 30 s. */
  budgetMs?: number;
  timeoutMs?: number;
  /** How long a run holds its items; a run that dies releases them when this expires. */
  leaseMs?: number;
  /** Called before each Airtable request, after pacing (tests use it to stop a run mid-batch). */
  onCall?: () => Promise<void>;
  /** Try every record now, even those backing off (npm run outbox:flush, after staff fixed the base). */
  ignoreBackoff?: boolean;
}

// One limiter per base for the whole process, so runs that follow each other (or overlap) in one
// process share Airtable's budget instead of each assuming a fresh second.
const limiters = new Map<string, () => Promise<void>>();
const limiterFor = (baseId: string) => limiters.get(baseId) ?? limiters.set(baseId, rateLimiter()).get(baseId)!;

export async function deliverPending(settings: AirtableSettings, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const { budgetMs = 25_000, timeoutMs = 8_000, leaseMs = budgetMs + 30_000 } = opts;
  const started = Date.now();
  const all = await listOutbox();
  const items = opts.ignoreBackoff ? all : all.filter((i) => isDue(i));
  const report: WorkerReport = { pending: all.length, delivered: 0, failed: 0, rateLimited: false, unfinished: false };
  if (!items.length) return report;
  const wait = (await penaltyUntil()) - Date.now();
  if (wait > 0) {
    if (wait > budgetMs - 5_000) return { ...report, rateLimited: true, unfinished: true };
    await sleep(wait);
  }
  const pace = limiterFor(settings.baseId);
  const beforeCall = async () => {
    await pace();
    await opts.onCall?.();
  };
  for (let i = 0; i < items.length; i += WINDOW) {
    // A window takes up to 21 calls (about 5 s); start one only if it can finish within the budget.
    if (Date.now() - started > budgetMs - 5_000 - timeoutMs) {
      report.unfinished = true;
      break;
    }
    const result = await deliverItems(settings, items.slice(i, i + WINDOW), { timeoutMs, leaseMs, beforeCall });
    report.delivered += result.delivered.length;
    report.failed += result.failed.length;
    if (result.rateLimited) {
      report.rateLimited = true;
      report.unfinished = true;
      break;
    }
  }
  return report;
}
