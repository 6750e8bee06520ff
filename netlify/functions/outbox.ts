// GET /api/outbox — the outbox's status for staff; POST — deliver now, held records and a paused
// delivery included (after staff fixed the base). For `npm run outbox:status|flush`. Only with
// OUTBOX_ADMIN_TOKEN set and sent as a bearer token; otherwise it does not exist (404).
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { drainOutbox } from '../../src/delivery/drain';
import { outboxStatus } from '../../src/delivery/outbox-status';
import { staffAuthorized } from '../../src/server/admin-token';
import { crossSite } from '../../src/server/cross-site';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { json } from '../../src/server/respond';

export default async (req: Request, context?: Context): Promise<Response> => {
  if (!staffAuthorized(req) || !handlesRegistrations(context)) return new Response('Not found', { status: 404 });
  if (req.method === 'POST') {
    if (crossSite(req)) return json(403, { error: 'cross-site request refused' });
    const airtable = airtableClientFromEnv();
    if (!airtable) return json(409, { error: 'AIRTABLE_TOKEN is not set' });
    return json(200, await drainOutbox(airtable, { ignoreBackoff: true }));
  }
  return json(200, await outboxStatus());
};

export const config: Config = {
  path: '/api/outbox',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
