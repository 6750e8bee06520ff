// Scheduled every minute: today's figures (WIB), computed from Airtable in runs of at most 40 pages and
// 18 s (src/figures/run.ts), published as one document the figures page reads. Once today's are
// published, a run reads one key and stops; so the first run after 00:00 WIB starts the day's
// computation, and runs a minute apart carry it on (10,000 registrations: 3 runs; 50,000: 13).
// Only on the live production deploy (a preview never reads production's Airtable), only while staff
// publish the figures page, never while the background drain delivers a backlog. Counts are logged.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { airtablePages } from '../../src/figures/airtable-pages';
import { figuresRun } from '../../src/figures/run';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

export function figuresDailyHandler(siteData: () => SiteData | undefined) {
  return async (_req?: Request, context?: Context): Promise<Response> => {
    if (!handlesRegistrations(context)) return new Response(null, { status: 204 });
    const site = siteData();
    // Not published: nothing is computed, Airtable is not called.
    if (!site?.shells.figures) return new Response(null, { status: 204 });
    const airtable = airtableClientFromEnv();
    if (!airtable) {
      logEvent('figures.airtable_not_configured');
      return new Response(null, { status: 204 });
    }
    const report = await figuresRun({ nextPage: airtablePages(airtable), lists: site.config });
    if (report.outcome !== 'done_today') {
      logEvent(`figures.${report.outcome}`, {
        calls: report.calls,
        records: report.records,
        ...(report.restarted ? { restarted: report.restarted } : {}),
        ...(report.error ? { error: report.error } : {}),
      });
    }
    return new Response(null, { status: 204 });
  };
}

export default figuresDailyHandler(builtSiteData);

export const config: Config = { schedule: '* * * * *' };
