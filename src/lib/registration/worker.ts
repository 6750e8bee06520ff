import type { AirtableSettings } from './airtable';
import { BATCH, deliverBatch } from './deliver';
import { listOutbox } from './outbox';

// Delivers everything waiting in the outbox, in batches of 10, pacing requests under Airtable's
// 5 per second per base. Called every minute by the scheduled function and by `npm run outbox:flush`.
// An empty outbox costs no Airtable call at all (monthly API caps make idle polling expensive).

export interface WorkerReport {
  pending: number;
  delivered: number;
  failed: number;
  rateLimited: boolean;
}

const CALLS_PER_BATCH = 2; // one lookup, one create
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deliverPending(
  settings: AirtableSettings,
  { budgetMs = 25_000, requestsPerSecond = 4.5 }: { budgetMs?: number; requestsPerSecond?: number } = {},
): Promise<WorkerReport> {
  const started = Date.now();
  const items = await listOutbox();
  const report: WorkerReport = { pending: items.length, delivered: 0, failed: 0, rateLimited: false };
  const gapMs = (CALLS_PER_BATCH / requestsPerSecond) * 1000;
  for (let i = 0; i < items.length; i += BATCH) {
    if (Date.now() - started > budgetMs - 3000) break;
    const batchStart = Date.now();
    const result = await deliverBatch(settings, items.slice(i, i + BATCH));
    report.delivered += result.delivered.length;
    report.failed += result.failed.length;
    // After a 429 Airtable refuses everything for 30 s: stop and let the next run (a minute later) go on.
    if (result.failed.some((f) => f.error.includes('429'))) {
      report.rateLimited = true;
      break;
    }
    await sleep(Math.max(0, gapMs - (Date.now() - batchStart)));
  }
  return report;
}
