import { todayInSerang } from '../shared/serang-time';
import { type FigureLists, knownKeys, type TableName, TABLES } from './categories';
import { exposed, type Shown, suppressEach, suppressPartition, THRESHOLD } from './suppress';
import type { Tally } from './tally';

// The one document the page and the CSV read (store `program-figures`, key `published`): counts already
// suppressed (src/figures/suppress.ts), so no count below the threshold is ever stored where the page
// reads, and the time it was computed. Small: one row per month, kecamatan, field, destination, stage.

interface FigureCell {
  /** The value as Airtable holds it (a status, an Indonesian label), a month as YYYY-MM, '' for "not given". */
  key: string;
  shown: Shown;
}

export interface FiguresDoc {
  version: 1;
  /** When the computation finished (ISO, UTC); the page says it in WIB. */
  computedAt: string;
  /** Registrations counted: a number, "fewer than 10", or hidden when it would give a table away. */
  total: Shown;
  tables: Record<TableName, FigureCell[]>;
}

/** The tables whose rows add up to the total (one row per registration); destinations do not. */
export const PARTITIONS: readonly TableName[] = ['stages', 'months', 'districts', 'sectors'];

/** Every month from the first one counted to the month of the computation (WIB), empty ones included. */
function monthKeys(counted: string[], now: Date): string[] {
  const months = counted.filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (!months.length) return [];
  const last = [months.at(-1)!, todayInSerang(now).slice(0, 7)].sort().at(-1)!;
  const out: string[] = [];
  let [year, month] = months[0]!.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** Known rows first, in the page's order, then anything else Airtable holds, sorted ('' last). */
function rowKeys(table: TableName, tally: Tally, lists: FigureLists, now: Date): string[] {
  const counted = Object.keys(tally.counts[table]);
  if (table === 'months') return [...monthKeys(counted, now), ...counted.filter((m) => !/^\d{4}-\d{2}$/.test(m))];
  const known = knownKeys(lists)[table];
  const extra = counted.filter((k) => !known.includes(k)).sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return [...known, ...extra];
}

export function figuresDoc(tally: Tally, lists: FigureLists, now: Date): FiguresDoc {
  const tables = {} as FiguresDoc['tables'];
  let totalGivesAway = false;
  for (const table of TABLES) {
    const keys = rowKeys(table, tally, lists, now);
    const counts = keys.map((k) => tally.counts[table][k] ?? 0);
    const partition = PARTITIONS.includes(table);
    const shown = partition ? suppressPartition(counts) : suppressEach(counts);
    if (partition && exposed(counts, shown)) totalGivesAway = true;
    tables[table] = keys.map((key, i) => ({ key, shown: shown[i]! }));
  }
  const total: Shown = tally.records < THRESHOLD ? 'small' : totalGivesAway ? 'hidden' : tally.records;
  return { version: 1, computedAt: now.toISOString(), total, tables };
}
