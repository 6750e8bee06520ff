import Airtable from 'airtable';

import type { AirtableFields } from './airtable-fields';

// The official SDK's boundary, typed once: a table whose records hold our field values, a listing's
// parameters, and its pages as an async iterator. Only the client (airtable.ts) uses this file; nothing
// here waits for the budget by itself: the caller's `slot` runs before every request.

export type SdkTable = Airtable.Table<AirtableFields>;
export type SdkRecords = Airtable.Records<AirtableFields>;

export function sdkTable(s: { token: string; baseId: string; table: string; endpointUrl?: string }, timeoutMs: number): SdkTable {
  const airtable = new Airtable({
    apiKey: s.token,
    endpointUrl: s.endpointUrl ?? 'https://api.airtable.com',
    // The SDK otherwise retries a 429 for up to 10 minutes, far beyond a function's life; the outbox
    // retries instead.
    noRetryIfRateLimited: true,
    requestTimeout: timeoutMs,
  });
  return airtable.base(s.baseId).table<AirtableFields>(s.table);
}

export interface Listing {
  /** Every record without one. */
  formula?: string;
  /** Every column without them. */
  fields?: string[];
  pageSize: number;
  maxRecords?: number;
}

export function select(table: SdkTable, l: Listing) {
  return table.select({
    ...(l.formula ? { filterByFormula: l.formula } : {}),
    ...(l.fields ? { fields: l.fields } : {}),
    pageSize: l.pageSize,
    ...(l.maxRecords ? { maxRecords: l.maxRecords } : {}),
    // POST listRecords keeps the formula's values out of the URL.
    method: 'post',
  });
}

/**
 * A listing's pages, each requested only after `slot` resolved. The SDK sends the first page when
 * eachPage is called and each next one when told to; after the last page it sends nothing, so the slot
 * taken for the page that does not come is lost. A caller that leaves the loop sends no further request.
 */
export async function* eachPage(table: SdkTable, listing: Listing, slot: () => Promise<void>): AsyncGenerator<SdkRecords> {
  type Step = { records: SdkRecords; next: () => void } | { error: unknown } | { done: true };
  let settle: (step: Step) => void = () => undefined;
  const nextStep = () => new Promise<Step>((resolve) => (settle = resolve));
  let step = nextStep();
  await slot();
  select(table, listing).eachPage(
    (records, next) => settle({ records, next }),
    (error: unknown) => settle(error ? { error } : { done: true }),
  );
  for (;;) {
    const s = await step;
    if ('error' in s) throw s.error;
    if ('done' in s) return;
    step = nextStep();
    yield s.records;
    await slot();
    s.next();
  }
}

interface ListBody {
  records: { id: string; createdTime: string; fields: Record<string, unknown> }[];
  offset?: string;
}

/**
 * One page of a listing after Airtable's offset string ("itr…/rec…"), for a listing a later run resumes.
 * The SDK's select() refuses a string offset (airtable.js 0.12.2 validates the old numeric one) and
 * eachPage() keeps the offset to itself, so the page is one POST listRecords through the SDK's own
 * request method on the table's base — the request select({ method: 'post' }) sends.
 */
export async function listPage(table: SdkTable, l: Listing, offset: string | undefined): Promise<ListBody> {
  const base = table._base as unknown as { makeRequest(o: { method: string; path: string; body: unknown }): Promise<{ body: ListBody }> };
  const body = {
    pageSize: l.pageSize,
    ...(l.fields ? { fields: l.fields } : {}),
    ...(l.formula ? { filterByFormula: l.formula } : {}),
    ...(offset ? { offset } : {}),
  };
  return (await base.makeRequest({ method: 'POST', path: `/${encodeURIComponent(table.name)}/listRecords`, body })).body;
}
