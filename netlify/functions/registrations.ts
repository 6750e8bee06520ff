// POST /api/registrations {action: "find" | "erase" | "unlock", reference} — a data subject's rights for staff:
// everything held about one reference, or its erasure everywhere (src/delivery/registration-rights.ts).
// For `npm run registrations:find|erase`. Only with OUTBOX_ADMIN_TOKEN sent as a bearer token, and
// only in production (a preview never touches real registrations); otherwise it does not exist (404).
// The reference travels in the body, never in a URL. Each use is logged by reference, for the record.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv, errorLabel } from '../../src/delivery/airtable';
import { OutboxKeyError } from '../../src/delivery/outbox-crypto';
import { eraseRegistration, findRegistration, LeaseBusy } from '../../src/delivery/registration-rights';
import { isReference } from '../../src/registration/reference';
import { staffAuthorized } from '../../src/server/admin-token';
import { crossSite } from '../../src/server/cross-site';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
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
      return (parsed && typeof parsed === 'object' ? parsed : {}) as { action?: unknown; reference?: unknown };
    } catch {
      return {};
    }
  })();
  const reference = typeof body.reference === 'string' ? body.reference.trim().toUpperCase() : '';
  if (!isReference(reference)) return json(422, { error: 'Nomor pendaftaran harus seperti SRG-ABC234.' });
  if (body.action === 'unlock') {
    // The owner asked staff in person: the status check answers this reference again.
    const cleared = await clearReferenceLock(reference);
    logEvent('rights.unlock', { reference, cleared });
    return json(200, { reference, cleared });
  }
  if (body.action !== 'find' && body.action !== 'erase') return json(422, { error: 'action harus "find", "erase" atau "unlock".' });
  const airtable = airtableClientFromEnv();
  if (!airtable) return json(409, { error: 'AIRTABLE_TOKEN belum diatur.' });
  try {
    if (body.action === 'find') {
      logEvent('rights.find', { reference });
      return json(200, await findRegistration(airtable, reference));
    }
    const erasure = await eraseRegistration(airtable, reference);
    logEvent('rights.erase', { reference, removed: erasure.removed.length });
    return json(200, erasure);
  } catch (e) {
    if (e instanceof LeaseBusy) return json(409, { error: 'Data ini sedang dikirim ke Airtable. Coba lagi dalam satu menit.' });
    if (e instanceof OutboxKeyError) return json(409, { error: `Data di outbox tidak bisa dibuka (${e.code}): periksa OUTBOX_KEYS.` });
    const label = errorLabel(e);
    logEvent('rights.airtable_failed', { reference, error: label });
    return json(503, { error: `Airtable tidak bisa dihubungi (${label}). Jalankan lagi nanti; bagian yang sudah selesai tidak diulang.` });
  }
};

export const config: Config = {
  path: '/api/registrations',
  method: ['POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
