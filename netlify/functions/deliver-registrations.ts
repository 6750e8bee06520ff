// Scheduled every minute: delivers registrations waiting in the outbox to Airtable.
import type { Config } from '@netlify/functions';
import { airtableSettingsFromEnv } from '../../src/lib/registration/airtable';
import { logEvent } from '../../src/lib/registration/respond';
import { deliverPending } from '../../src/lib/registration/worker';

export default async (): Promise<Response> => {
  const settings = airtableSettingsFromEnv();
  if (!settings) {
    logEvent('delivery.airtable_not_configured');
    return new Response(null, { status: 204 });
  }
  const report = await deliverPending(settings);
  if (report.pending > 0) logEvent('delivery.run', { ...report, rateLimited: String(report.rateLimited), unfinished: String(report.unfinished) });
  // A record that keeps failing is never dropped; this line is what alerting watches for.
  if (report.failed > 0) logEvent('delivery.failures', { failed: report.failed });
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: '* * * * *' };
