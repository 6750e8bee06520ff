import { stringify } from 'yaml';
import { z } from 'zod';

import { collectionDefs } from '../content/schemas';
import { EMAIL } from '../shared/patterns';
import { type CmsBackend, cmsBackendFromEnv } from './backend';
import { type FieldUi, fieldUi, localeFieldUi } from './labels';
import { LOCAL_BACKEND_URL } from './local-backend';

// Decap CMS's config.yml, generated from the content schemas (src/content/schemas.ts) and the labels
// in fields.ts. We generate rather than hand-write it so a field, type, required flag, limit or choice
// can only be defined once; test/unit/cms/config.test.ts proves the result accepts exactly what the
// schemas accept. Served at /admin/config.yml in `npm start` and written there by the build.

type Json = { [k: string]: unknown };
export type CmsField = Json & { name: string; label: string; widget: string };

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: string[];
  anyOf?: JsonSchema[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  pattern?: string;
}

/** The schema as the CMS writes it: input side (before transforms), dates as YYYY-MM-DD strings. */
function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date' });
    },
  }) as JsonSchema;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const SLUG_MESSAGE = 'Pakai huruf kecil, angka dan tanda minus saja, misalnya korea-selatan';

function widgetFor(name: string, s: JsonSchema, ui: FieldUi, path: string, collection: string): Json {
  if (ui.relation) return { widget: 'relation', ...ui.relation };
  if (s.anyOf) {
    // blankable(): the value, null or "" — the CMS edits the value; the others make it optional.
    const main = s.anyOf.find((a) => a.const === undefined && a.type !== 'null') ?? {};
    return widgetFor(name, main, ui, path, collection);
  }
  if (s.enum) {
    return { widget: 'select', options: s.enum.map((v) => ({ label: ui.optionLabels?.[v] ?? v, value: v })) };
  }
  switch (s.type) {
    case 'boolean':
      return { widget: 'boolean' };
    case 'integer':
    case 'number': {
      const out: Json = { widget: 'number', value_type: s.type === 'integer' ? 'int' : 'float' };
      const min =
        s.minimum ?? (s.exclusiveMinimum !== undefined ? (s.type === 'integer' ? s.exclusiveMinimum + 1 : s.exclusiveMinimum) : undefined);
      if (min !== undefined) out.min = min;
      if (s.maximum !== undefined && s.maximum < MAX_SAFE) out.max = s.maximum;
      return out;
    }
    case 'array': {
      const item = s.items ?? {};
      if (item.type === 'object') return { widget: 'list', fields: objectFields(item, path, collection) };
      // Open by default: a folded one-field list shows its label instead of what staff typed.
      return {
        widget: 'list',
        collapsed: false,
        field: { name: 'item', label: ui.label, ...widgetFor('item', item, ui, path, collection) },
      };
    }
    case 'object':
      return { widget: 'object', fields: objectFields(s, path, collection) };
    case 'string': {
      if (s.format === 'date') {
        return { widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'DD-MM-YYYY', time_format: false, picker_utc: true };
      }
      const out: Json = { widget: ui.multiline || (s.maxLength ?? 0) > 200 ? 'text' : 'string' };
      if (s.format === 'uri') out.pattern = ['^https?://\\S+$', 'Tulis alamat lengkap yang diawali https://'];
      else if (s.format === 'email') out.pattern = [EMAIL.source, 'Tulis alamat email yang benar'];
      else if (s.pattern) out.pattern = [s.pattern, SLUG_MESSAGE];
      return out;
    }
    default:
      throw new Error(`CMS: no widget for ${collection}.${path} (${JSON.stringify(s)})`);
  }
}

function uiFor(collection: string, path: string, name: string): FieldUi {
  const ui = fieldUi[collection]?.[path] ?? localeFieldUi[name];
  if (!ui) throw new Error(`CMS: no label for ${collection}.${path} in src/cms/labels.ts`);
  return ui;
}

function objectFields(s: JsonSchema, prefix: string, collection: string, i18n = false): CmsField[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const ui = uiFor(collection, path, name);
    const field: CmsField = { name, label: ui.label, ...widgetFor(name, prop, ui, path, collection) } as CmsField;
    if (ui.hint) field.hint = ui.hint;
    // A field with a default may be left out of the file, so the CMS must not insist on it either.
    if (!required.has(name)) field.required = false;
    if (prop.default !== undefined) field.default = prop.default;
    if (i18n) field.i18n = ui.i18n === 'translate' ? true : 'duplicate';
    return field;
  });
}

const body: CmsField = {
  name: 'body',
  label: 'Isi',
  widget: 'markdown',
  hint: 'Tulis biasa. Karakter seperti { } < > [ ] dan emoji aman dan tampil apa adanya.',
  buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'bulleted-list', 'numbered-list', 'quote'],
  editor_components: ['image'],
  i18n: true,
};

interface FolderMeta {
  label: string;
  label_singular: string;
  description: string;
  identifier_field: string;
  summary: string;
  sortable_fields: string[];
  slug?: string;
  hasBody: boolean;
  /** The body may stay empty (a vacancy's facts are in its fields). */
  bodyOptional?: boolean;
}

const folders: Record<Exclude<keyof typeof collectionDefs, 'settings'>, FolderMeta> = {
  pages: {
    label: 'Halaman',
    label_singular: 'halaman',
    description: 'Halaman informasi: persyaratan, pelatihan dan biaya, cara mendaftar, jadwal, kontak, privasi dan lainnya.',
    identifier_field: 'title',
    summary: '{{title}} — /{{fields.slug}}/',
    sortable_fields: ['order', 'title', 'updated'],
    slug: '{{fields.slug}}',
    hasBody: true,
  },
  destinations: {
    label: 'Negara tujuan',
    label_singular: 'negara tujuan',
    description: 'Negara dan kawasan tujuan. Nama berkas menjadi kode tujuan di formulir: jangan ganti nama berkas yang sudah dipakai.',
    identifier_field: 'name',
    summary: '{{name}}',
    sortable_fields: ['order', 'name', 'updated'],
    hasBody: true,
  },
  vacancies: {
    label: 'Lowongan resmi',
    label_singular: 'lowongan',
    description: 'Lowongan yang memiliki SIP di SISKOP2MI. Lowongan hilang dari situs dengan sendirinya setelah SIP berakhir.',
    identifier_field: 'position',
    summary: '{{position}} — {{company}} (SIP s.d. {{sipValidUntil}})',
    sortable_fields: ['sipValidUntil', 'position', 'updated'],
    slug: '{{fields.position}}-{{fields.sipNumber}}',
    hasBody: true,
    bodyOptional: true,
  },
  faq: {
    label: 'Tanya jawab',
    label_singular: 'pertanyaan',
    description: 'Pertanyaan yang sering diajukan, dikelompokkan per topik.',
    identifier_field: 'question',
    summary: '{{question}}',
    sortable_fields: ['category', 'order', 'question'],
    hasBody: false,
  },
  companies: {
    label: 'Perusahaan penempatan',
    label_singular: 'perusahaan',
    description:
      'Daftar perusahaan penempatan (P3MI) yang diperiksa petugas, dengan izin SIP3MI dan statusnya. Lowongan memilih perusahaannya dari sini dan hilang dari situs bila perusahaannya dihentikan, dicabut, atau izinnya berakhir.',
    identifier_field: 'name',
    summary: '{{name}} — {{licenceNumber}} ({{status}}, diperiksa {{checkedOn}})',
    sortable_fields: ['name', 'checkedOn', 'licenceValidUntil'],
    slug: '{{fields.name}}',
    hasBody: true,
    bodyOptional: true,
  },
  announcements: {
    label: 'Pengumuman',
    label_singular: 'pengumuman',
    description: 'Pengumuman resmi, terbaru tampil paling atas. Juga dikirim lewat RSS.',
    identifier_field: 'title',
    summary: '{{title}} ({{date}})',
    sortable_fields: ['date', 'title'],
    hasBody: true,
  },
};

function cmsCollections(): Json[] {
  const list: Json[] = Object.entries(folders).map(([name, meta]) => {
    const schema = inputJsonSchema(collectionDefs[name as keyof typeof folders].schema);
    const yaml = !meta.hasBody;
    return {
      name,
      label: meta.label,
      label_singular: meta.label_singular,
      description: meta.description,
      folder: `content/${name}`,
      create: true,
      delete: true,
      ...(yaml ? { extension: 'yaml', format: 'yaml' } : { extension: 'md', format: 'frontmatter' }),
      i18n: true,
      identifier_field: meta.identifier_field,
      summary: meta.summary,
      sortable_fields: meta.sortable_fields,
      ...(meta.slug ? { slug: meta.slug } : {}),
      fields: [
        ...objectFields(schema, '', name, true),
        ...(meta.hasBody ? [meta.bodyOptional ? { ...body, label: 'Keterangan lain', required: false } : body] : []),
      ],
    };
  });
  list.push({
    name: 'settings',
    label: 'Pengaturan',
    description: 'Buka atau tutup pendaftaran, bidang kerja, syarat, angka program dan kontak bantuan.',
    editor: { preview: false },
    files: [
      {
        name: 'site',
        label: 'Pengaturan situs',
        file: 'content/settings/site.yaml',
        fields: objectFields(inputJsonSchema(collectionDefs.settings.schema), '', 'settings'),
      },
    ],
  });
  return list;
}

interface CmsOptions {
  siteUrl?: string;
  /** How staff log in (src/cms/backend.ts); Git Gateway by default. */
  backend?: CmsBackend;
}

export function cmsConfig({ siteUrl, backend = cmsBackendFromEnv({}) }: CmsOptions = {}): Json {
  return {
    // Production login, from CMS_BACKEND (src/cms/backend.ts, docs/cms.md).
    backend: backend.config,
    // Only honoured on localhost: `npm start` runs decap-server, which writes straight to content/.
    local_backend: { url: LOCAL_BACKEND_URL },
    // Changes wait as drafts for review before they go live. decap-server's file mode has no drafts,
    // so locally the CMS falls back to saving directly, which is what a developer wants.
    publish_mode: 'editorial_workflow',
    ...(siteUrl ? { site_url: siteUrl, display_url: siteUrl } : {}),
    // The interface language; the phrases are registered by src/cms/preview/cms-setup.js.
    locale: 'id',
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    // Uploads are checked by type and size in check:content (src/content/uploads.ts), which every build
    // runs: Decap's built-in media library has no type or size setting of its own.
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    i18n: { structure: 'multiple_folders', locales: ['id', 'en'], default_locale: 'id' },
    collections: cmsCollections(),
  };
}

export function cmsConfigYaml(options?: CmsOptions): string {
  return `# Generated from src/content/schemas.ts and src/cms/labels.ts — edit those, not this file.\n${stringify(cmsConfig(options), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
