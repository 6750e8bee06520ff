import { todayInSerang } from '../shared/serang-time';
import { FIGURE_COLUMNS, type TableName } from './categories';

// Counting, page by page: a listing's records go into running counts that a run keeps in Blobs
// between pages (src/figures/run.ts). Only counts are kept, never a record.

/** What a listing hands over of a record: Airtable's createdTime and the figure columns. */
export interface FigureRecord {
  createdTime: string;
  fields: Record<string, unknown>;
}

export interface Tally {
  records: number;
  counts: Record<TableName, Record<string, number>>;
}

export const emptyTally = (): Tally => ({ records: 0, counts: { stages: {}, months: {}, districts: {}, sectors: {}, destinations: {} } });

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The month (WIB) a registration arrived, as YYYY-MM: its registration time, else when its row was made. */
function monthOf(record: FigureRecord): string {
  for (const value of [record.fields[FIGURE_COLUMNS.months], record.createdTime]) {
    const ms = Date.parse(text(value));
    if (Number.isFinite(ms)) return todayInSerang(new Date(ms)).slice(0, 7);
  }
  return '';
}

/** The keys a record counts under in each table: one each, destinations as many as it names (up to three). */
function keysOf(record: FigureRecord): Record<TableName, string[]> {
  const destinations = record.fields[FIGURE_COLUMNS.destinations];
  const named = (Array.isArray(destinations) ? destinations : [destinations]).map(text).filter(Boolean);
  return {
    // A row without a status is a new one: delivery writes "Baru", and staff may clear the cell.
    stages: [text(record.fields[FIGURE_COLUMNS.stages]) || 'Baru'],
    months: [monthOf(record)],
    // An empty cell is a row of its own ("not given"), so the table still adds up to the total.
    districts: [text(record.fields[FIGURE_COLUMNS.districts])],
    sectors: [text(record.fields[FIGURE_COLUMNS.sectors])],
    destinations: [...new Set(named)],
  };
}

export function addRecords(tally: Tally, records: FigureRecord[]): void {
  for (const record of records) {
    tally.records++;
    const keys = keysOf(record);
    for (const table of Object.keys(keys) as TableName[]) {
      const counts = tally.counts[table];
      for (const key of keys[table]) counts[key] = (counts[key] ?? 0) + 1;
    }
  }
}
