// npm run registrations:export [-- out.csv | out.xlsx] [--titik-koma]
// Writes every registration to a CSV or, by the file's extension, a typed .xlsx spreadsheet (default
// .data/pendaftaran.csv, which git ignores: it holds personal data). NIK and phone numbers stay text in
// both (tools/csv.ts, tools/xlsx.ts). --titik-koma separates CSV columns with ";" for spreadsheets set
// to Indonesian. Reads Airtable when AIRTABLE_TOKEN is set — page by page under the shared budget —
// otherwise the local stand-in's records. Prints only the count.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { airtableClientFromEnv } from '../src/delivery/airtable';
import { columnOf } from '../src/delivery/airtable-fields';
import { registrationColumns } from '../src/delivery/airtable-schema';
import { fields } from '../src/registration/fields';
import { LOCAL_STANDIN } from './airtable-standin/local';
import { toCsv } from './csv';
import { toXlsx } from './xlsx';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--')) ?? '.data/pendaftaran.csv';
const separator = args.includes('--titik-koma') ? ';' : ',';
// From a laptop with only Airtable settings there is no Blobs store: the script paces itself.
const airtable = airtableClientFromEnv({ queue: 'script', timeoutMs: 30_000 });
let rows: Record<string, unknown>[] = [];
if (airtable) {
  if (!airtable.sharedBudget)
    console.log('Netlify Blobs tidak tersedia di sini: ekspor mengatur jedanya sendiri (5 permintaan per detik).');
  // Every page is a call of its own through the budget, never fetched back to back.
  for await (const page of airtable.pages({ fields: 'all' })) rows.push(...page.map((r) => r.fields));
} else {
  const saved = JSON.parse(await readFile(LOCAL_STANDIN.file, 'utf8').catch(() => '{}'));
  const table = saved[LOCAL_STANDIN.baseId]?.tables.find((t: { name: string }) => t.name === LOCAL_STANDIN.table);
  rows = (table?.records ?? []).map((r: { fields: Record<string, unknown> }) => r.fields);
}
const columns = registrationColumns();
const textColumns = [columnOf('nik'), ...fields.filter((f) => f.airtable?.type === 'phoneNumber').map((f) => f.airtable!.column)];
await mkdir(dirname(out), { recursive: true });
await writeFile(out, out.endsWith('.xlsx') ? await toXlsx(columns, rows) : toCsv(columns, rows, { separator, textColumns }), {
  mode: 0o600,
});
console.log(`${rows.length} pendaftaran ditulis ke ${out}`);
