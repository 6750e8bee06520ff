import { airtableTable, COLUMNS, formulaString, type AirtableSettings } from './airtable';
import { putOutbox, removeOutbox, type OutboxItem } from './outbox';

// Delivery of outbox items to Airtable, 10 at a time (Airtable's batch limit). Before creating, one
// lookup finds references already in the base (a previous attempt whose reply was lost: never create
// twice) and NIKs already registered (flag "NIK ganda"; an earlier record is never overwritten).

export const BATCH = 10;

export interface DeliveryResult {
  delivered: string[];
  failed: { reference: string; error: string }[];
}

function errorLabel(e: unknown): string {
  const err = e as { error?: string; statusCode?: number; message?: string };
  return `${err.error ?? 'ERROR'}${err.statusCode ? ` ${err.statusCode}` : ''}`;
}

export async function deliverBatch(settings: AirtableSettings, items: OutboxItem[], timeoutMs = 2500): Promise<DeliveryResult> {
  if (items.length === 0) return { delivered: [], failed: [] };
  if (items.length > BATCH) throw new Error(`deliverBatch takes at most ${BATCH} items`);
  const table = airtableTable(settings, timeoutMs);
  try {
    const terms = items.flatMap((i) => [
      `{${COLUMNS.reference}}=${formulaString(i.reference)}`,
      `{${COLUMNS.nik}}=${formulaString(String(i.fields[COLUMNS.nik] ?? ''))}`,
    ]);
    // POST listRecords keeps NIKs out of request URLs (and so out of any access log).
    const existing = await table
      .select({ filterByFormula: `OR(${terms.join(',')})`, fields: [COLUMNS.reference, COLUMNS.nik], method: 'post' } as never)
      .all();
    const knownRefs = new Set(existing.map((r) => String(r.get(COLUMNS.reference))));
    const knownNiks = new Set(existing.map((r) => String(r.get(COLUMNS.nik))));
    const already = items.filter((i) => knownRefs.has(i.reference));
    const fresh = items.filter((i) => !knownRefs.has(i.reference));
    const records = fresh.map((i) => {
      const nik = String(i.fields[COLUMNS.nik] ?? '');
      const duplicate = knownNiks.has(nik);
      knownNiks.add(nik);
      return { fields: { ...i.fields, [COLUMNS.duplicateNik]: duplicate } };
    });
    if (records.length) await table.create(records as never, { typecast: true });
    const delivered = [...already, ...fresh].map((i) => i.reference);
    await Promise.all(delivered.map(removeOutbox));
    return { delivered, failed: [] };
  } catch (e) {
    const error = errorLabel(e);
    await Promise.all(items.map((i) => putOutbox({ ...i, attempts: i.attempts + 1, lastError: error })));
    return { delivered: [], failed: items.map((i) => ({ reference: i.reference, error })) };
  }
}
