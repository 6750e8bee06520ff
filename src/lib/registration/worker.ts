import type { AirtableSettings } from './airtable';
import { deliverItems, WINDOW } from './deliver';
import { listOutbox, penaltyUntil } from './outbox';

// Delivers everything waiting in the outbox, pacing requests under Airtable's 5 a second per base.
// Used by the scheduled function (every minute) and `npm run outbox:flush`. An empty outbox costs no
// Airtable call (monthly API caps make idle polling expensive). A record Airtable keeps refusing stays
// in the outbox with its error until the base is fixed: nothing is ever dropped.

export interface WorkerReport {
  pending: number;
  delivered: number;
  failed: number;
  rateLimited: boolean;
  /** Stopped because the time budget ran out. */
  unfinished: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spaces calls so that at most `perSecond` start in any second. */
export function pacer(perSecond: number): () => Promise<void> {
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}

export interface WorkerOptions {
  /** The scheduled function may run 30 s. */
  budgetMs?: number;
  requestsPerSecond?: number;
  timeoutMs?: number;
  /** How long a run holds its items; a run that dies releases them when this expires. */
  leaseMs?: number;
  /** Called before each Airtable request, after pacing (tests use it to stop a run mid-batch). */
  onCall?: () => Promise<void>;
}

export async function deliverPending(settings: AirtableSettings, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const { budgetMs = 25_000, requestsPerSecond = 4.5, timeoutMs = 8_000, leaseMs = budgetMs + 30_000 } = opts;
  const started = Date.now();
  const items = await listOutbox();
  const report: WorkerReport = { pending: items.length, delivered: 0, failed: 0, rateLimited: false, unfinished: false };
  if (!items.length) return report;
  const wait = (await penaltyUntil()) - Date.now();
  if (wait > 0) {
    if (wait > budgetMs - 5_000) return { ...report, rateLimited: true, unfinished: true };
    await sleep(wait);
  }
  const pace = pacer(requestsPerSecond);
  const beforeCall = async () => {
    await pace();
    await opts.onCall?.();
  };
  for (let i = 0; i < items.length; i += WINDOW) {
    // A window takes up to 11 calls; start one only if it can finish within the budget.
    if (Date.now() - started > budgetMs - (11 / requestsPerSecond) * 1000 - timeoutMs) {
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
