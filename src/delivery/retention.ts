import { type AirtableClient, BATCH, errorLabel } from './airtable';
import { columnOf, COLUMNS, formulaString, nikOf } from './airtable-fields';
import { eraseEverywhere } from './erase';
import { nikHash } from './nik-index';
import { markReferenceErased } from './references';

// The one retention rule (settings → privacy.retentionMonths), the same for every outcome: a registration
// is deleted from Airtable once it has not changed for that many months, whether it ended without a
// placement, led to a departure, or stayed at "Baru". A live case keeps changing (staff move its status).
// Run daily (netlify/functions/privacy-daily.ts), a page of 100 at a time, each page and each deletion of
// ten through the one Airtable budget. Deleted records no longer match, so a run that stops early resumes
// the next day without keeping a cursor. Only Airtable is read: a registration still waiting in the outbox
// is not there yet and is never touched.

export interface RetentionReport {
  deleted: number;
  calls: number;
  /** Stopped by its time budget with more to delete, or by Airtable's failure. */
  unfinished: boolean;
  error?: string;
}

/** The moment before which a registration in a final status is deleted: `months` calendar months ago. */
export function retentionCutoff(months: number, now = Date.now()): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Airtable's LAST_MODIFIED_TIME() is the last change to any field, by staff or by delivery. */
export function retentionFormula(cutoff: Date): string {
  return `IS_BEFORE(LAST_MODIFIED_TIME(),DATETIME_PARSE(${formulaString(cutoff.toISOString())}))`;
}

export async function retentionRun(
  airtable: AirtableClient,
  months: number,
  opts: { budgetMs?: number; now?: number } = {},
): Promise<RetentionReport> {
  const { budgetMs = 20_000, now = Date.now() } = opts;
  const { timeoutMs } = airtable;
  const started = Date.now();
  const report: RetentionReport = { deleted: 0, calls: 0, unfinished: false };
  const client = airtable.with({ maxWaitMs: 5_000, onCall: () => report.calls++ });
  const query = { formula: retentionFormula(retentionCutoff(months, now)), fields: [COLUMNS.reference, columnOf('nik')] };
  try {
    for (;;) {
      // A page takes one call and ten deletions at most 2.5 s more: start one only if it can finish.
      if (Date.now() - started > budgetMs - 3 * timeoutMs) {
        report.unfinished = true;
        break;
      }
      // The first page each time: deleted rows no longer match, so the next page is the first again.
      const page = await client.firstPage(query);
      if (!page.length) break;
      // Ten at a time, each deletion followed by its rows' outbox indexes: a run stopped in between
      // leaves no index behind for a row that is gone.
      for (let n = 0; n < page.length; n += BATCH) {
        const batch = page.slice(n, n + BATCH);
        await client.destroy(batch.map((r) => r.id));
        report.deleted += batch.length;
        // What the outbox's indexes still hold about them goes too (no Airtable call).
        await Promise.all(
          batch.map(async (r) => {
            const { reference } = r;
            if (!reference) return;
            const nik = nikOf(r);
            await eraseEverywhere(reference, nik ? nikHash(nik) : undefined);
            await markReferenceErased(reference);
          }),
        );
      }
    }
  } catch (e) {
    report.unfinished = true;
    report.error = errorLabel(e);
  }
  return report;
}
