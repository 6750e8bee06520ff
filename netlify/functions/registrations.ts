// POST /api/registrations {action: "find" | "erase" | "unlock" | "release", reference} (release also with
// {nik} instead) — a data subject's rights for staff: everything held about one reference, its erasure
// everywhere, the status check's lock cleared, the NIK's registrations count given back to its owner
// (src/delivery/rights-request.ts). For `npm run registrations:find|erase|unlock|release`. Only with
// OUTBOX_ADMIN_TOKEN sent as a bearer token, and only in production (a preview never touches real
// registrations); otherwise it does not exist (404). The reference and the NIK travel in the body, never
// in a URL.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { answerRightsRequest, type RightsRequest } from '../../src/delivery/rights-request';
import { staffAuthorized } from '../../src/server/admin-token';
import { crossSite } from '../../src/server/cross-site';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { readCapped } from '../../src/server/request-body';
import { json } from '../../src/server/respond';
import { clearReferenceLock } from '../../src/status/limits';

export default async (req: Request, context?: Context): Promise<Response> => {
  if (!staffAuthorized(req) || !handlesRegistrations(context)) return new Response('Not found', { status: 404 });
  if (crossSite(req)) return json(403, { error: 'Permintaan dari situs lain ditolak.' });
  const raw = await readCapped(req, 4096);
  if (typeof raw === 'string') return json(raw === 'too-large' ? 413 : 400, { error: 'Isi permintaan terlalu besar atau rusak.' });
  const body = (() => {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(raw));
      return (parsed && typeof parsed === 'object' ? parsed : {}) as RightsRequest;
    } catch {
      return {};
    }
  })();
  return answerRightsRequest(body, { airtable: airtableClientFromEnv(), unlock: clearReferenceLock });
};

export const config: Config = {
  path: '/api/registrations',
  method: ['POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
