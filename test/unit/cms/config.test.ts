import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { cmsConfig, type CmsField } from '../../../src/cms/config';
import { parseEntry } from '../../../src/content/entry-file';
import { collectionDefs } from '../../../src/content/schemas';

// config.yml is generated from the schemas; these tests prove the generated CMS form accepts exactly
// what the build accepts: field by field, the CMS's required flag, type and choices are checked against
// the zod schema's own verdict on a real entry with that one field changed.

type Data = Record<string, unknown>;
const frontmatter = (file: string) => (parseEntry(file, readFileSync(file, 'utf8')) as { data: Data }).data;

/** A valid entry per collection: the fixture content (test/fixtures/content), a synthetic vacancy and company (the site has none yet). */
const samples: Record<string, Data> = {
  pages: frontmatter('test/fixtures/content/pages/id/persyaratan.md'),
  destinations: frontmatter('test/fixtures/content/destinations/id/jepang.md'),
  faq: parseYaml(readFileSync('test/fixtures/content/faq/id/gratis.yaml', 'utf8')) as Data,
  announcements: frontmatter('test/fixtures/content/announcements/id/mou-pemkot-serang-apjati.md'),
  settings: parseYaml(readFileSync('test/fixtures/content/settings/site.yaml', 'utf8')) as Data,
  vacancies: {
    position: 'Operator produksi',
    destination: 'jepang',
    sector: 'manufaktur',
    company: 'pt-contoh-penempatan-fiktif',
    sipNumber: 'SIP-TEST-0001',
    sipValidUntil: '2027-01-31',
    quota: 10,
    requirements: ['Usia 18–30 tahun'],
    // Low figures so that the bound checks below never trip payMin ≤ payMax.
    payMin: 1,
    payMax: 2,
    trainingMonths: '4 bulan',
    updated: '2026-11-01',
  },
  // Synthetic: no real company, licence number or decree.
  companies: {
    name: 'PT Contoh Penempatan (fiktif)',
    licenceNumber: 'SIP3MI-UJI-0001',
    licenceIssued: '2025-01-15',
    licenceValidUntil: '2030-01-14',
    headOffice: 'Jl. Contoh No. 1, Kota Fiktif',
    branches: [{ city: 'Kota Serang', address: 'Jl. Contoh No. 2' }],
    status: 'aktif',
    // Filled so every status the CMS offers parses: a stop or a revocation needs its dates and decree.
    stoppedFrom: '2026-01-01',
    stoppedUntil: '2026-03-31',
    stoppedDecree: 'KEP-UJI/1/2026',
    stoppedScope: 'semua',
    revokedOn: '2026-06-01',
    revokedDecree: 'KEP-UJI/2/2026',
    source: 'https://contoh.invalid/p3mi/uji-0001',
    checkedOn: '2026-11-01',
  },
};

const config = cmsConfig();
const collections = config.collections as { name: string; fields?: CmsField[]; files?: { fields: CmsField[] }[] }[];
const fieldsOf = (name: string): CmsField[] => {
  const c = collections.find((x) => x.name === name)!;
  return (c.fields ?? c.files?.[0]?.fields ?? []).filter((f) => f.name !== 'body');
};
const parses = (name: keyof typeof collectionDefs, data: Data) => collectionDefs[name].schema.safeParse(data).success;

function setAt(data: Data, path: string[], value: unknown): Data {
  const copy = structuredClone(data);
  let node = copy;
  // An object the sample leaves out (its schema has a default) is created, so its fields are checked too.
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Data;
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}
const getAt = (data: Data, path: string[]) => path.reduce<unknown>((n, k) => (n as Data | undefined)?.[k], data);

/** Every field with its path; list items are checked through their own object fields. */
function walk(fields: CmsField[], prefix: string[] = []): { path: string[]; field: CmsField }[] {
  return fields.flatMap((f) => {
    const path = [...prefix, f.name];
    const nested = f.widget === 'object' ? walk(f.fields as CmsField[], path) : [];
    return [{ path, field: f }, ...nested];
  });
}

describe.each(Object.keys(collectionDefs) as (keyof typeof collectionDefs)[])('CMS form for %s', (name) => {
  const sample = samples[name]!;
  const fields = walk(fieldsOf(name));

  it('the sample entry is valid', () => {
    expect(parses(name, sample)).toBe(true);
  });

  it('has a field for every key of the schema and nothing else', () => {
    const shape = (s: unknown): string[] => {
      const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown>; in?: unknown; innerType?: unknown } } })._zod.def;
      if (def.shape) return Object.keys(def.shape);
      return shape(def.in ?? def.innerType);
    };
    expect(
      fieldsOf(name)
        .map((f) => f.name)
        .sort(),
    ).toEqual(shape(collectionDefs[name].schema).sort());
  });

  it.each(fields.map((f) => [f.path.join('.'), f] as const))('%s: required flag matches the schema', (_p, { path, field }) => {
    const without = parses(name, setAt(sample, path, undefined));
    expect(without, `leaving ${path.join('.')} out`).toBe(field.required === false);
  });

  it.each(fields.filter((f) => f.field.widget === 'select').map((f) => [f.path.join('.'), f] as const))(
    '%s: the choices are exactly the allowed values',
    (_p, { path, field }) => {
      for (const option of field.options as { value: string }[])
        expect(parses(name, setAt(sample, path, option.value)), option.value).toBe(true);
      expect(parses(name, setAt(sample, path, 'bukan-pilihan'))).toBe(false);
    },
  );

  it.each(fields.filter((f) => f.field.widget === 'number').map((f) => [f.path.join('.'), f] as const))(
    '%s: number type and lower bound match',
    (_p, { path, field }) => {
      expect(parses(name, setAt(sample, path, 'dua puluh'))).toBe(false);
      const min = (field.min as number | undefined) ?? 0;
      expect(parses(name, setAt(sample, path, min + 1))).toBe(true);
      if (field.value_type === 'int') expect(parses(name, setAt(sample, path, min + 1.5))).toBe(false);
      if (field.min !== undefined) expect(parses(name, setAt(sample, path, min - 1))).toBe(false);
    },
  );

  it.each(fields.filter((f) => f.field.widget === 'datetime').map((f) => [f.path.join('.'), f] as const))(
    '%s: the date the CMS writes is accepted',
    (_p, { path, field }) => {
      expect(field.format).toBe('YYYY-MM-DD');
      expect(parses(name, setAt(sample, path, '2026-02-28'))).toBe(true);
      expect(parses(name, setAt(sample, path, 'besok'))).toBe(false);
    },
  );

  it.each(fields.filter((f) => f.field.widget === 'boolean').map((f) => [f.path.join('.'), f] as const))('%s: a switch', (_p, { path }) => {
    expect(parses(name, setAt(sample, path, !getAt(sample, path)))).toBe(true);
    expect(parses(name, setAt(sample, path, 'ya'))).toBe(false);
  });

  it.each(fields.filter((f) => Array.isArray(f.field.pattern)).map((f) => [f.path.join('.'), f] as const))(
    '%s: the CMS pattern and the schema agree',
    (_p, { path, field }) => {
      const pattern = new RegExp((field.pattern as [string, string])[0]);
      const current = String(getAt(sample, path) ?? '');
      for (const value of [
        current,
        'Huruf Besar',
        'ada spasi',
        'https://serangkota.go.id/',
        'petugas@serangkota.go.id',
        'korea-selatan',
      ].filter(Boolean)) {
        expect(pattern.test(value), value).toBe(parses(name, setAt(sample, path, value)));
      }
    },
  );
});

describe('config.yml', () => {
  it('uses Markdown files and both languages for every folder collection', () => {
    for (const c of collections.filter((x) => x.fields) as unknown as Data[]) {
      expect(c.i18n).toBe(true);
      expect(['md', 'yaml']).toContain(c.extension);
    }
    expect(config.i18n).toEqual({ structure: 'multiple_folders', locales: ['id', 'en'], default_locale: 'id' });
  });

  it('reviews before publishing in production and logs in through Git Gateway', () => {
    expect(config.publish_mode).toBe('editorial_workflow');
    expect((config.backend as Data).name).toBe('git-gateway');
  });
});
