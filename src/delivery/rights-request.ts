import { isReference } from '../registration/reference';
import { logEvent } from '../server/log';
import { json } from '../server/respond';
import { type AirtableClient, errorLabel } from './airtable';
import { OutboxKeyError } from './outbox-crypto';
import { eraseRegistration, findRegistration, LeaseBusy, releaseNikRegistrations } from './registration-rights';

// What staff ask of /api/registrations (netlify/functions/registrations.ts), answered in JSON with
// Indonesian messages for `npm run registrations:…` (tools/registrations.ts) to print: find, erase,
// unlock the status check, release a NIK. Each use is logged by reference, for the record; a NIK never.

export interface RightsRequest {
  action?: unknown;
  reference?: unknown;
  nik?: unknown;
}

export interface RightsServices {
  airtable: AirtableClient | undefined;
  /** Clears the status check's lock on a reference (src/status/limits.ts; the status check sits above delivery). */
  unlock: (reference: string) => Promise<number>;
}

export async function answerRightsRequest(body: RightsRequest, { airtable, unlock }: RightsServices): Promise<Response> {
  const reference = typeof body.reference === 'string' ? body.reference.trim().toUpperCase() : '';
  if (body.action === 'release') {
    // By the NIK (typed by staff at its owner's request: in the body only, never logged), or by a reference.
    const byNik = body.nik !== undefined;
    const nik = typeof body.nik === 'string' ? body.nik.replace(/[\s.-]/g, '') : '';
    if (byNik ? !/^\d{16}$/.test(nik) : !isReference(reference))
      return json(422, { error: byNik ? 'NIK harus 16 angka.' : 'Nomor pendaftaran harus seperti SRG-ABC234.' });
    const released = await releaseNikRegistrations(airtable, byNik ? { nik } : { reference }).catch(() => null);
    if (released === null) return json(503, { error: 'Penyimpanan situs atau Airtable tidak bisa dihubungi. Jalankan lagi nanti.' });
    if (released === undefined)
      return json(404, { error: `NIK untuk ${reference} tidak ditemukan (nomor tidak dikenal, atau datanya sudah dihapus).` });
    logEvent('rights.release', { ...(byNik ? { by: 'nik' } : { reference }), released });
    return json(200, { ...(byNik ? {} : { reference }), released });
  }
  if (!isReference(reference)) return json(422, { error: 'Nomor pendaftaran harus seperti SRG-ABC234.' });
  if (body.action === 'unlock') {
    // The owner asked staff in person: the status check answers this reference again.
    const cleared = await unlock(reference);
    logEvent('rights.unlock', { reference, cleared });
    return json(200, { reference, cleared });
  }
  if (body.action !== 'find' && body.action !== 'erase')
    return json(422, { error: 'action harus "find", "erase", "unlock" atau "release".' });
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
}
