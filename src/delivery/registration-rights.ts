import type { AirtableClient } from './airtable';
import { type AirtableFields, columnOf, nikOf, toAirtableFields } from './airtable-fields';
import { eraseEverywhere } from './erase';
import { claim, recordLease, release } from './leases';
import { nikHash, releaseNik } from './nik-index';
import { readItem, readRecord } from './outbox-items';
import { WAIT_STATE_WORDS, type WaitState, waitState } from './queue';
import { markReferenceErased, referenceIssued } from './references';

// A data subject's rights (UU PDP Pasal 7, 8, 13), for staff: everything held about one reference,
// wherever it is, its erasure everywhere, and its NIK given back to its owner. Each goes through the one
// Airtable budget; each is called through /api/registrations by `npm run registrations:find|erase|release`
// (tools/registrations.ts).

export interface Holdings {
  reference: string;
  /** The site issued this reference and it was not erased. */
  issued: boolean;
  /** Still waiting to be delivered. */
  outbox?: {
    createdAt: string;
    attempts: number;
    state: (typeof WAIT_STATE_WORDS)[WaitState];
    lastError?: string;
    fields: AirtableFields;
  };
  /** The record in Airtable, as staff see it. */
  airtable?: { id: string; createdTime?: string; fields: Record<string, unknown> };
}

/** A staff request waits for its Airtable slot at most this long. */
const staffWait = (airtable: AirtableClient) => airtable.with({ maxWaitMs: 30_000 });

export async function findRegistration(airtable: AirtableClient, reference: string): Promise<Holdings> {
  const [issued, item, records] = await Promise.all([
    referenceIssued(reference),
    readItem(reference),
    staffWait(airtable).findByReference([reference], 'all'),
  ]);
  const out: Holdings = { reference, issued };
  if (item) {
    out.outbox = {
      createdAt: item.createdAt,
      attempts: item.attempts,
      state: WAIT_STATE_WORDS[waitState(item)],
      ...(item.lastError ? { lastError: item.lastError } : {}),
      // As staff will see it in Airtable: its columns and labels.
      fields: toAirtableFields(item.reference, item.submission, new Date(item.createdAt)),
    };
  }
  const record = records[0];
  if (record) out.airtable = { id: record.id, fields: record.fields };
  return out;
}

export interface Erasure {
  reference: string;
  removed: string[];
  /** Nothing was held anywhere (already erased, or never issued). */
  nothing: boolean;
}

export class LeaseBusy extends Error {}

/**
 * Deletes a registration everywhere, idempotently. Order matters: the reference's lease first (no
 * deliverer sends it meanwhile), then the outbox (nothing left to deliver later), then Airtable (which
 * also catches a record a deliverer sent just before), and only then is the reference marked erased.
 * If Airtable cannot be reached, the outbox part stands and running it again finishes the job.
 */
export async function eraseRegistration(
  airtable: AirtableClient,
  reference: string,
  opts: { leaseWaitMs?: number } = {},
): Promise<Erasure> {
  const until = Date.now() + (opts.leaseWaitMs ?? 20_000);
  while (!(await claim(recordLease(reference), 60_000))) {
    if (Date.now() > until) throw new LeaseBusy(reference);
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    const client = staffWait(airtable);
    const records = await client.findByReference([reference], [columnOf('nik')]);
    const nik = nikOf(records[0]);
    const removed = await eraseEverywhere(reference, nik ? nikHash(nik) : undefined);
    if (records.length) {
      await client.destroy(records.map((r) => r.id));
      removed.push(`Airtable: ${records.length} baris`);
    }
    const wasIssued = await markReferenceErased(reference);
    if (wasIssued) removed.push('nomor pendaftaran: ditandai dihapus');
    return { reference, removed, nothing: removed.length === 0 };
  } finally {
    await release(recordLease(reference));
  }
}

/**
 * Staff give a NIK back to its owner, who came to the office with the KTP (someone else registered it,
 * or they want to register again): the NIK's registrations counted in the last 30 days are forgotten,
 * so the form accepts it again. Found by the NIK itself (typed by staff) or by a reference registered
 * with it (its outbox record, else its Airtable row: one call through the budget). Returns how many
 * were forgotten, or undefined when the reference's NIK cannot be found.
 */
export async function releaseNikRegistrations(
  airtable: AirtableClient | undefined,
  who: { nik: string } | { reference: string },
): Promise<number | undefined> {
  if ('nik' in who) return releaseNik(nikHash(who.nik));
  let hash = (await readRecord(who.reference))?.nikHash;
  if (!hash && airtable) {
    const nik = nikOf((await staffWait(airtable).findByReference([who.reference], [columnOf('nik')]))[0]);
    if (nik) hash = nikHash(nik);
  }
  return hash ? releaseNik(hash) : undefined;
}
