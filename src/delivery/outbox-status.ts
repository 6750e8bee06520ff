import type { OutboxItem } from './outbox';

/** What staff may see of the outbox: references, ages, attempts and errors — never record content. */
export interface OutboxStatus {
  pending: number;
  failing: number;
  oldestAgeSeconds: number;
  records: { reference: string; ageSeconds: number; attempts: number; lastError?: string; notBefore?: string }[];
}

export function outboxStatus(items: OutboxItem[], now = Date.now()): OutboxStatus {
  const age = (i: OutboxItem) => Math.round((now - Date.parse(i.createdAt)) / 1000);
  return {
    pending: items.length,
    failing: items.filter((i) => i.lastError).length,
    oldestAgeSeconds: items.length ? Math.max(...items.map(age)) : 0,
    records: items.map((i) => ({ reference: i.reference, ageSeconds: age(i), attempts: i.attempts, ...(i.lastError ? { lastError: i.lastError } : {}), ...(i.notBefore ? { notBefore: i.notBefore } : {}) })),
  };
}

export function formatStatus(s: OutboxStatus): string {
  const lines = [`Menunggu dikirim ke Airtable: ${s.pending} (gagal sebelumnya: ${s.failing}), tertua ${s.oldestAgeSeconds} detik`];
  for (const r of s.records) lines.push(`  ${r.reference}  umur ${r.ageSeconds} dtk  percobaan ${r.attempts}${r.lastError ? `  galat terakhir: ${r.lastError}` : ''}${r.notBefore ? `  dicoba lagi setelah ${r.notBefore}` : ''}`);
  return lines.join('\n');
}
