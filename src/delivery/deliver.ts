import { airtableTable, COLUMNS, formulaString, type AirtableSettings } from './airtable';
import { backoffMs, claim, putOutbox, release, removeOutbox, setPenalty, type OutboxItem } from './outbox';

// Delivery of outbox items to Airtable. For a window of up to 200 items: one lookup (POST listRecords,
// so NIKs stay out of URLs) finds references already in the base — an earlier attempt whose reply was
// lost: never create twice — and NIKs already registered (flag "NIK ganda"; an earlier record is never
// overwritten). Then creates in batches of 10, Airtable's limit. A window of 200 costs 21 calls, so the
// drain stays close to Airtable's ceiling of 50 records a second (10 records × 5 requests).

const BATCH = 10;
export const WINDOW = 200;
const PENALTY_MS = 30_000;

interface DeliveryResult {
  delivered: string[];
  failed: { reference: string; error: string }[];
  /** Leased by another deliverer: left alone this time. */
  skipped: string[];
  rateLimited: boolean;
}

interface DeliveryOptions {
  /** Per Airtable request. */
  timeoutMs: number;
  /** How long this deliverer may hold the items. */
  leaseMs: number;
  /** Waits for a request slot (the worker's pacing); the request path does not wait. */
  beforeCall?: () => Promise<void>;
  /** Airtable's penalty after a 429 (30 s); other values only in tests. */
  penaltyMs?: number;
}

function errorLabel(e: unknown): string {
  const err = e as { error?: string; statusCode?: number };
  return `${err.error ?? 'ERROR'}${err.statusCode ? ` ${err.statusCode}` : ''}`;
}
const isRateLimit = (e: unknown) => (e as { statusCode?: number }).statusCode === 429;

export async function deliverItems(settings: AirtableSettings, items: OutboxItem[], opts: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: [], failed: [], skipped: [], rateLimited: false };
  if (items.length > WINDOW) throw new Error(`deliverItems takes at most ${WINDOW} items`);
  const claimed = await Promise.all(items.map((item) => claim(item.reference, opts.leaseMs)));
  const mine = items.filter((_, i) => claimed[i]);
  result.skipped = items.filter((_, i) => !claimed[i]).map((i) => i.reference);
  if (!mine.length) return result;

  const table = airtableTable(settings, opts.timeoutMs);
  const fail = async (batch: OutboxItem[], e: unknown) => {
    const error = errorLabel(e);
    if (isRateLimit(e)) {
      result.rateLimited = true;
      await setPenalty(Date.now() + (opts.penaltyMs ?? PENALTY_MS));
    }
    for (const i of batch) result.failed.push({ reference: i.reference, error });
    // The request path's one try (attempt 1) leaves the record due for the next scheduled run at once;
    // a 429 is the base's penalty, not the record's fault, so it sets no backoff of its own.
    await Promise.all(
      batch.map((i) => {
        const attempts = i.attempts + 1;
        const notBefore = attempts > 1 && !isRateLimit(e) ? new Date(Date.now() + backoffMs(attempts - 1)).toISOString() : undefined;
        return putOutbox({ ...i, attempts, lastError: error, ...(notBefore ? { notBefore } : {}) });
      }),
    );
  };

  try {
    let knownRefs: Set<string>;
    let knownNiks: Set<string>;
    try {
      await opts.beforeCall?.();
      const terms = mine.flatMap((i) => [
        `{${COLUMNS.reference}}=${formulaString(i.reference)}`,
        `{${COLUMNS.nik}}=${formulaString(String(i.fields[COLUMNS.nik] ?? ''))}`,
      ]);
      const existing = await table
        .select({ filterByFormula: `OR(${terms.join(',')})`, fields: [COLUMNS.reference, COLUMNS.nik], method: 'post' } as never)
        .all();
      knownRefs = new Set(existing.map((r) => String(r.get(COLUMNS.reference))));
      knownNiks = new Set(existing.map((r) => String(r.get(COLUMNS.nik))));
    } catch (e) {
      await fail(mine, e);
      return result;
    }

    const already = mine.filter((i) => knownRefs.has(i.reference));
    await Promise.all(already.map((i) => removeOutbox(i.reference)));
    result.delivered.push(...already.map((i) => i.reference));
    const fresh = mine.filter((i) => !knownRefs.has(i.reference));
    for (let n = 0; n < fresh.length; n += BATCH) {
      const batch = fresh.slice(n, n + BATCH);
      if (result.rateLimited) {
        await fail(batch, { error: 'TOO_MANY_REQUESTS', statusCode: 429 });
        continue;
      }
      const records = batch.map((i) => {
        const nik = String(i.fields[COLUMNS.nik] ?? '');
        const duplicate = knownNiks.has(nik);
        knownNiks.add(nik);
        return { fields: { ...i.fields, [COLUMNS.duplicateNik]: duplicate } };
      });
      try {
        await opts.beforeCall?.();
        await table.create(records as never, { typecast: true });
      } catch (e) {
        await fail(batch, e);
        continue;
      }
      await Promise.all(batch.map((i) => removeOutbox(i.reference)));
      result.delivered.push(...batch.map((i) => i.reference));
    }
    return result;
  } finally {
    await Promise.all(mine.map((i) => release(i.reference)));
  }
}
