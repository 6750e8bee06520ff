import { logEvent } from '../server/log';
import type { DrainReport } from './drain';
import { oldestDueAt } from './queue-keys';

/** An hour is what alerting watches for: a record waiting that long means Airtable or the base needs staff. */
const OLD_AFTER_MS = 3600_000;

/** One line per run with counts only, and `delivery.backlog_old` while the oldest waiting record is over an hour old. */
export async function logDrain(event: string, report: DrainReport, now = Date.now()): Promise<void> {
  if (report.windows || report.paused || report.flagged) {
    const { paused, firstWindowMs, ...counts } = report;
    logEvent(event, {
      ...counts,
      unfinished: String(counts.unfinished),
      ...(paused ? { paused } : {}),
      ...(firstWindowMs !== undefined ? { firstWindowMs } : {}),
    });
  }
  const oldest = await oldestDueAt();
  if (oldest && now - Date.parse(oldest) > OLD_AFTER_MS)
    logEvent('delivery.backlog_old', { oldestAgeMinutes: Math.round((now - Date.parse(oldest)) / 60_000) });
}
