// Scheduled every minute: delivers registrations waiting in the outbox to Airtable.
import type { Config } from '@netlify/functions';
import { airtableSettingsFromEnv } from '../../src/delivery/airtable';
import { logEvent } from '../../src/server/log';
import { deliverPending } from '../../src/delivery/drain';

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
