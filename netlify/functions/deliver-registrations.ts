// Scheduled every minute: delivers registrations waiting in the outbox to Airtable for up to 25 s, and
// hands a larger backlog to the background drain, which keeps going near Airtable's ceiling.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { backgroundDrainRunning, startBackgroundDrain } from '../../src/delivery/background';
import { drainOutbox } from '../../src/delivery/drain';
import { logDrain } from '../../src/delivery/drain-log';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';

export default async (_req?: Request, context?: Context): Promise<Response> => {
  // Netlify runs schedules on the published production deploy only; this says so in the code too.
  if (!handlesRegistrations(context)) return new Response(null, { status: 204 });
  const airtable = airtableClientFromEnv();
  if (!airtable) {
    logEvent('delivery.airtable_not_configured');
    return new Response(null, { status: 204 });
  }
  if (await backgroundDrainRunning()) {
    logEvent('delivery.background_running');
    return new Response(null, { status: 204 });
  }
  const report = await drainOutbox(airtable);
  await logDrain('delivery.run', report);
  if (report.unfinished && !report.paused) logEvent(`delivery.background_${await startBackgroundDrain(process.env.URL)}`);
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: '* * * * *' };
