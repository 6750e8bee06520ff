import { honeypotHits } from './honeypot-count';
import { leasedReferences } from './leases';
import { readRecord } from './outbox-items';
import { currentPause, type Pause } from './pause';
import { allEntries } from './queue-keys';

// What staff may see of the outbox: counts, ages, references and error types — never record content.
// Read on demand by `npm run outbox:status`; no delivery run reads all this.

export interface OutboxStatus {
  /** Waiting to be sent (not held back). */
  due: number;
  /** Refused by Airtable for their content, waiting out their backoff (held/). */
  held: number;
  /** Being sent right now by a deliverer. */
  leased: number;
  oldestAgeSeconds: number;
  errorsByType: Record<string, number>;
  /** Delivery as a whole waits for Airtable (after a 429, a 5xx, no answer). */
  pause?: Pause;
  /** Records held back, with their error and when they are tried again. */
  heldRecords: { reference: string; attempts: number; lastError?: string; notBefore?: string }[];
  /** Form posts the honeypot caught today (UTC): a real person wrongly caught would show here. */
  honeypotToday: number;
}

/** Held records are read for their errors; there are few (each is a record Airtable refused). */
const MAX_HELD_READ = 500;

export async function outboxStatus(now = Date.now()): Promise<OutboxStatus> {
  const [{ due, held }, leased, pause, honeypotToday] = await Promise.all([
    allEntries(),
    leasedReferences(now),
    currentPause(),
    honeypotHits(now),
  ]);
  const heldItems = (await Promise.all(held.slice(0, MAX_HELD_READ).map((e) => readRecord(e.reference)))).filter((i) => !!i);
  const errorsByType: Record<string, number> = {};
  for (const i of heldItems) if (i.lastError) errorsByType[i.lastError] = (errorsByType[i.lastError] ?? 0) + 1;
  const created = [...due.map((e) => Date.parse(e.at)), ...heldItems.map((i) => Date.parse(i.createdAt))];
  return {
    due: due.length,
    held: held.length,
    leased: leased.length,
    oldestAgeSeconds: created.length ? Math.round((now - Math.min(...created)) / 1000) : 0,
    errorsByType,
    ...(pause && pause.until > now ? { pause } : {}),
    heldRecords: heldItems.map((i) => ({
      reference: i.reference,
      attempts: i.attempts,
      ...(i.lastError ? { lastError: i.lastError } : {}),
      ...(i.notBefore ? { notBefore: i.notBefore } : {}),
    })),
    honeypotToday,
  };
}

export function formatStatus(s: OutboxStatus): string {
  const lines = [
    `Menunggu dikirim ke Airtable: ${s.due}; ditahan (ditolak Airtable, menunggu jeda): ${s.held}; sedang dikirim: ${s.leased}`,
    `Tertua: ${s.oldestAgeSeconds} detik${s.oldestAgeSeconds > 3600 ? '  ← lebih dari satu jam: periksa Airtable dan token' : ''}`,
  ];
  if (s.pause)
    lines.push(
      `Pengiriman dijeda sampai ${new Date(s.pause.until).toISOString()} karena ${s.pause.reason} (gagal ${s.pause.failures}× berturut-turut)`,
    );
  for (const [type, n] of Object.entries(s.errorsByType)) lines.push(`  galat ${type}: ${n} pendaftaran`);
  for (const r of s.heldRecords)
    lines.push(
      `  ${r.reference}  percobaan ${r.attempts}${r.lastError ? `  galat terakhir: ${r.lastError}` : ''}${r.notBefore ? `  dicoba lagi setelah ${r.notBefore}` : ''}`,
    );
  lines.push(`Isian jebakan bot (honeypot) hari ini: ${s.honeypotToday}`);
  return lines.join('\n');
}
