// npm run airtable:setup — creates or completes the registrations table in the Airtable base named by
// AIRTABLE_TOKEN / AIRTABLE_BASE_ID / AIRTABLE_TABLE, from the form's field list. Select options come
// from the built site's dist/registration-config.json (run `npm run build` first) or SITE_URL.
import { readFile } from 'node:fs/promises';
import { airtableSettingsFromEnv } from '../src/lib/registration/airtable';
import { registrationTableFields } from '../src/lib/registration/airtable-schema';
import { setupTable } from '../src/lib/registration/airtable-setup';
import { CONFIG_PATH, type RegistrationOptions } from '../src/lib/registration/options';

const settings = airtableSettingsFromEnv();
if (!settings) {
  console.error('Set AIRTABLE_TOKEN and AIRTABLE_BASE_ID (see docs/airtable.md).');
  process.exit(1);
}
const options = (
  process.env.SITE_URL
    ? await (await fetch(new URL(CONFIG_PATH, process.env.SITE_URL))).json()
    : JSON.parse(await readFile(`dist${CONFIG_PATH}`, 'utf8'))
) as RegistrationOptions;

try {
  const { created, existing } = await setupTable(settings, registrationTableFields(options), (line) => console.log(line));
  console.log(`Selesai: ${created.length} kolom ditambahkan, ${existing.length} sudah ada.`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
