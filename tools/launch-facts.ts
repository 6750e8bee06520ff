import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse as parseYaml, stringify } from 'yaml';

import { collectionDefs } from '../src/content/schemas';

// The facts the city fills through the CMS on launch day — contacts, the data-protection officer, the
// retention, the complaint channels, APJATI's role, the article's address, the daily ceiling, the program
// now — with values that are plainly synthetic (reserved .example domains, 000 numbers): never a real
// office, officer or number. Tests use them for their "filled" variant; `npm run test:filled-copy`
// fills a throw-away copy of the project with them and runs the suite there, so no test can lean on the
// facts being empty (or on how today's YAML happens to be laid out).

/** A settings object as site.yaml holds it (before the schema's transforms). */
type RawSettings = Record<string, unknown>;

export const SYNTHETIC_FACTS = {
  contact: {
    address: 'Jl. Contoh Uji No. 0, Kota Fiktif (alamat uji)',
    phone: '0254 000 000',
    whatsapp: '0812 0000 0000',
    email: 'kontak@contoh.example',
    hours: { id: 'Senin–Jumat, 08.00–15.00 WIB (jam uji)', en: 'Monday to Friday, 08:00–15:00 WIB (test hours)' },
  },
  reporting: {
    hotline: '0800 000 000',
    whatsapp: '0812 0000 0001',
    website: 'https://pengaduan.contoh.example/',
  },
  privacy: {
    controller: { address: 'Jl. Contoh Uji No. 0, Kota Fiktif (alamat uji)', email: 'pengendali@contoh.example', phone: '0254 000 001' },
    officer: { name: 'Pejabat PDP Contoh (uji)', email: 'pdp@contoh.example', phone: '0254 000 002' },
    apjatiRole: 'penerima',
    retentionMonths: 24,
  },
  programStatus: {
    text: {
      id: 'Contoh keadaan program yang dipastikan petugas (isi uji).',
      en: 'An example of the program state staff confirmed (test content).',
    },
    updated: '2026-01-15',
  },
  source: { url: 'https://berita.contoh.example/pemkot-serang-gandeng-apjati' },
  registration: { dailyLimit: 1500 },
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of `facts` into `target` (objects merged key by key, anything else replaced). */
function merge(target: Record<string, unknown>, facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(facts)) {
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : structuredClone(value);
  }
  return out;
}

/** The settings with every launch fact filled; everything else (texts, sectors, rules, stages) as it was. */
export function withLaunchFacts(settings: RawSettings): RawSettings {
  return merge(settings, SYNTHETIC_FACTS as unknown as Record<string, unknown>);
}

/**
 * Fills the launch facts in `<contentDir>/settings/site.yaml`, written back as the CMS writes it (the
 * whole file serialised again: comments and flow style gone), and checks the result against the schema.
 */
export async function fillLaunchFacts(contentDir: string): Promise<void> {
  const file = join(contentDir, 'settings/site.yaml');
  const filled = withLaunchFacts(parseYaml(await readFile(file, 'utf8')) as RawSettings);
  collectionDefs.settings.schema.parse(filled);
  await writeFile(file, stringify(filled, { lineWidth: 0 }));
}
