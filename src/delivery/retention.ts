import { type AirtableSettings, airtableTable, budgetedCall, errorLabel, formulaString, nikOf } from './airtable';
import { type Budget, sharedBudget } from './airtable-budget';
import { columnOf, COLUMNS } from './airtable-fields';
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
  settings: AirtableSettings,
  months: number,
  opts: { budget?: Budget; budgetMs?: number; timeoutMs?: number; now?: number } = {},
): Promise<RetentionReport> {
  const { budgetMs = 20_000, timeoutMs = 8_000, now = Date.now() } = opts;
  const budget = opts.budget ?? sharedBudget(settings.baseId);
  const started = Date.now();
  const table = airtableTable(settings, timeoutMs);
  const report: RetentionReport = { deleted: 0, calls: 0, unfinished: false };
  const call = budgetedCall(budget, { maxWaitMs: 5_000, before: () => report.calls++ });
  const formula = retentionFormula(retentionCutoff(months, now));
  try {
    for (;;) {
      // A page takes one call and ten deletions at most 2.5 s more: start one only if it can finish.
      if (Date.now() - started > budgetMs - 3 * timeoutMs) {
        report.unfinished = true;
        break;
      }
      const page = await call(() =>
        table
          .select({ filterByFormula: formula, fields: [COLUMNS.reference, columnOf('nik')], pageSize: 100, method: 'post' } as never)
          .firstPage(),
      );
      if (!page.length) break;
      for (let n = 0; n < page.length; n += 10) {
        const batch = page.slice(n, n + 10);
        await call(() => table.destroy(batch.map((r) => r.id)));
        report.deleted += batch.length;
        // What the outbox's indexes still hold about them goes too (no Airtable call).
        await Promise.all(
          batch.map(async (r) => {
            const reference = String(r.get(COLUMNS.reference) ?? '');
            if (!reference) return;
            const nik = nikOf(r as unknown as { fields: Record<string, unknown> });
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
