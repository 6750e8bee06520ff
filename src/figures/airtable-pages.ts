import { type AirtableSettings, airtableTable, budgetedCall } from '../delivery/airtable';
import { type Budget, sharedBudget } from '../delivery/airtable-budget';
import { type NextPage, OffsetExpired } from './source';

// The figures' one way to Airtable, through today's client (src/delivery/airtable.ts): its settings,
// its SDK set-up (no retry on 429, a short request timeout) and every page through the shared budget
// (budgetedCall). When the client changes, this file is all that follows it.
//
// A listing here resumes in a later run from the offset Airtable gave, a string ("itr…/rec…"). The
// SDK's select() refuses a string offset (airtable.js 0.12.2 validates the old numeric one) and
// eachPage() keeps the offset to itself, so each page is one POST listRecords through the SDK's own
// request method on the table's base — the same request select({ method: 'post' }) sends.

interface ListBody {
  records: { createdTime: string; fields: Record<string, unknown> }[];
  offset?: string;
}
interface SdkBase {
  makeRequest(options: { method: string; path: string; body: unknown }): Promise<{ body: ListBody }>;
}

export function airtablePages(
  settings: AirtableSettings,
  { budget = sharedBudget(settings.baseId), timeoutMs = 8_000, maxWaitMs = 5_000, onCall }: AirtablePagesOptions = {},
): NextPage {
  // The table's base is the SDK object that table.select() itself sends through.
  const base = (airtableTable(settings, timeoutMs) as unknown as { _base: SdkBase })._base;
  const call = budgetedCall(budget, { maxWaitMs, before: onCall });
  const path = `/${encodeURIComponent(settings.table)}/listRecords`;
  return async (columns, offset) => {
    try {
      const { body } = await call(() =>
        base.makeRequest({ method: 'POST', path, body: { pageSize: 100, fields: columns, ...(offset ? { offset } : {}) } }),
      );
      return {
        records: body.records.map((r) => ({ createdTime: r.createdTime, fields: r.fields })),
        ...(body.offset ? { offset: body.offset } : {}),
      };
    } catch (e) {
      if ((e as { error?: unknown }).error === 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE') throw new OffsetExpired();
      throw e;
    }
  };
}

interface AirtablePagesOptions {
  budget?: Budget;
  timeoutMs?: number;
  /** The longest a page waits for its slot in the budget; without one the run stops and resumes later. */
  maxWaitMs?: number;
  /** Counts each call as it is sent (tests, the bench, the run's log line). */
  onCall?: () => void;
}
