// GET /api/outbox — the outbox's status; POST — deliver now. For `npm run outbox:status|flush`.
// Only with OUTBOX_ADMIN_TOKEN set and sent as a bearer token; otherwise it does not exist (404).
import type { Config } from '@netlify/functions';
import { timingSafeEqual } from 'node:crypto';
import { airtableSettingsFromEnv } from '../../src/delivery/airtable';
import { listOutbox } from '../../src/delivery/outbox';
import { outboxStatus } from '../../src/delivery/outbox-status';
import { json } from '../../src/server/respond';
import { deliverPending } from '../../src/delivery/drain';

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
    return json(200, await deliverPending(settings, { ignoreBackoff: true }));
  }
  return json(200, outboxStatus(await listOutbox()));
};

export const config: Config = { path: '/api/outbox', method: ['GET', 'POST'] };
