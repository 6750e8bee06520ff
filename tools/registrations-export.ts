// npm run registrations:export [-- out.csv] — writes every registration to CSV (default
// .data/pendaftaran.csv, which git ignores: it holds personal data). Reads Airtable when AIRTABLE_TOKEN
// is set, otherwise the local stand-in's records. Prints only the count.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { airtableSettingsFromEnv, airtableTable } from '../src/delivery/airtable';
import { registrationColumns } from '../src/delivery/airtable-schema';
import { toCsv } from './csv';
import { LOCAL_STANDIN } from './airtable-standin/local';

const out = process.argv[2] ?? '.data/pendaftaran.csv';
const settings = airtableSettingsFromEnv();
let rows: Record<string, unknown>[];
if (settings) {
  const records = await airtableTable(settings, 30_000).select().all();
  rows = records.map((r) => r.fields);
} else {
  const saved = JSON.parse(await readFile(LOCAL_STANDIN.file, 'utf8'));
  const table = saved[LOCAL_STANDIN.baseId]?.tables.find((t: { name: string }) => t.name === LOCAL_STANDIN.table);
  rows = (table?.records ?? []).map((r: { fields: Record<string, unknown> }) => r.fields);
}
const columns = registrationColumns();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, toCsv(columns, rows), { mode: 0o600 });
console.log(`${rows.length} pendaftaran ditulis ke ${out}`);
