import type { AirtableSettings } from './airtable';
import type { AirtableFieldSpec } from './airtable-schema';

// Creates the registrations table through Airtable's Metadata API, idempotently: reports what exists,
// adds what is missing, and changes nothing else (staff may have added views, fields or options).

interface MetaTable {
  id: string;
  name: string;
  fields: { name: string; type: string }[];
}

export async function setupTable(
  s: AirtableSettings,
  wanted: AirtableFieldSpec[],
  log: (line: string) => void,
): Promise<{ created: string[]; existing: string[] }> {
  const api = `${s.endpointUrl ?? 'https://api.airtable.com'}/v0/meta/bases/${s.baseId}/tables`;
  const headers = { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' };
  const call = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, { ...init, headers });
    const body = (await res.json()) as { error?: { type: string; message: string } };
    if (!res.ok) throw new Error(`Airtable ${res.status} ${body.error?.type ?? ''}: ${body.error?.message ?? ''}`);
    return body;
  };
  const { tables } = (await call(api)) as { tables: MetaTable[] };
  const table = tables.find((t) => t.name === s.table);
  if (!table) {
    log(`Tabel "${s.table}" belum ada: membuat dengan ${wanted.length} kolom…`);
    await call(api, { method: 'POST', body: JSON.stringify({ name: s.table, fields: wanted }) });
    wanted.forEach((f) => log(`  + ${f.name} (${f.type})`));
    return { created: wanted.map((f) => f.name), existing: [] };
  }
  log(`Tabel "${s.table}" sudah ada.`);
  const created: string[] = [];
  const existing: string[] = [];
  for (const f of wanted) {
    const found = table.fields.find((x) => x.name === f.name);
    if (found) {
      existing.push(f.name);
      log(`  = ${f.name}${found.type === f.type ? '' : ` (jenisnya ${found.type}, diharapkan ${f.type}: tidak diubah)`}`);
      continue;
    }
    await call(`${api}/${table.id}/fields`, { method: 'POST', body: JSON.stringify(f) });
    created.push(f.name);
    log(`  + ${f.name} (${f.type})`);
  }
  return { created, existing };
}
