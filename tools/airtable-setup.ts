// npm run airtable:setup — creates or completes the registrations table in the Airtable base named by
// AIRTABLE_TOKEN / AIRTABLE_BASE_ID / AIRTABLE_TABLE, from the form's field list. Select options come
// from the last build (run `npm run build` first: it writes src/site-data/generated.json).
import { airtableSettingsFromEnv } from '../src/delivery/airtable';
import { registrationTableFields } from '../src/delivery/airtable-schema';
import { setupTable } from '../src/delivery/airtable-setup';
import { builtSiteData } from '../src/site-data';

const settings = airtableSettingsFromEnv();
if (!settings) {
  console.error('Set AIRTABLE_TOKEN and AIRTABLE_BASE_ID (see docs/airtable.md).');
  process.exit(1);
}
const options = builtSiteData()?.config;
if (!options) {
  console.error('Jalankan `npm run build` dahulu: pilihan tujuan dan bidang diambil dari hasil build.');
  process.exit(1);
}

try {
  const { created, existing } = await setupTable(settings, registrationTableFields(options), (line) => console.log(line));
  console.log(`Selesai: ${created.length} kolom ditambahkan, ${existing.length} sudah ada.`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
