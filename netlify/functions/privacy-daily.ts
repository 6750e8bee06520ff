// Scheduled daily at 00:30 in Kota Serang (17:30 UTC): what UU PDP's retention asks, unattended.
// 1. Idempotency entries older than 24 hours are deleted, whole days (the limits' counters expire every
//    hour: limits-hourly.ts); so are selection letters' codes 30 days after their day.
// 2. When settings → privacy.retentionMonths is set, registrations in a final status registered longer
//    ago than that are deleted from Airtable (src/delivery/retention.ts). Off when it is empty.
// Counts are logged, never content.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { expireLetters } from '../../src/delivery/letter-index';
import { retentionRun } from '../../src/delivery/retention';
import { expireSubmissions } from '../../src/delivery/submissions';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

export function privacyDailyHandler(siteData: () => SiteData | undefined) {
  return async (_req?: Request, context?: Context): Promise<Response> => {
    if (!handlesRegistrations(context)) return new Response(null, { status: 204 });
    const expired = await expireSubmissions().catch(() => undefined);
    logEvent(
      'privacy.idempotency_expired',
      expired ? { deleted: expired.deleted, unfinished: String(expired.unfinished) } : { failed: 'true' },
    );
    // Selection letters' codes stop verifying 30 days after their day; their entries go then (letter-index.ts).
    const letters = await expireLetters().catch(() => undefined);
    logEvent(
      'privacy.letters_expired',
      letters ? { deleted: letters.deleted, unfinished: String(letters.unfinished) } : { failed: 'true' },
    );
    const months = siteData()?.config.retentionMonths;
    const airtable = airtableClientFromEnv();
    if (!months || !airtable) {
      logEvent('privacy.retention_off', { reason: months ? 'airtable_not_configured' : 'retention_months_empty' });
      return new Response(null, { status: 204 });
    }
    const report = await retentionRun(airtable, months);
    logEvent('privacy.retention', {
      months,
      deleted: report.deleted,
      calls: report.calls,
      unfinished: String(report.unfinished),
      ...(report.error ? { error: report.error } : {}),
    });
    return new Response(null, { status: 204 });
  };
}

export default privacyDailyHandler(builtSiteData);

export const config: Config = { schedule: '30 17 * * *' };
