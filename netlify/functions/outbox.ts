// GET /api/outbox — the outbox's status for staff; POST — deliver now, held records and a paused
// delivery included (after staff fixed the base). For `npm run outbox:status|flush`. Only with
// OUTBOX_ADMIN_TOKEN set and sent as a bearer token; otherwise it does not exist (404).
import type { Config } from '@netlify/functions';
import { timingSafeEqual } from 'node:crypto';
import { airtableSettingsFromEnv } from '../../src/delivery/airtable';
import { drainOutbox } from '../../src/delivery/drain';
import { outboxStatus } from '../../src/delivery/outbox-status';
import { json } from '../../src/server/respond';

function authorized(req: Request): boolean {
  const token = process.env.OUTBOX_ADMIN_TOKEN;
  const sent = Buffer.from(req.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return !!token && sent.length === expected.length && timingSafeEqual(sent, expected);
}

export default async (req: Request): Promise<Response> => {
  if (!authorized(req)) return new Response('Not found', { status: 404 });
  if (req.method === 'POST') {
    const settings = airtableSettingsFromEnv();
    if (!settings) return json(409, { error: 'AIRTABLE_TOKEN is not set' });
    return json(200, await drainOutbox(settings, { ignoreBackoff: true }));
  }
  return json(200, await outboxStatus());
};

export const config: Config = {
  path: '/api/outbox',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
