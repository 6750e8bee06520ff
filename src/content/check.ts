import { glob, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import { parse as parseYaml } from 'yaml';

import { SLUG } from '../shared/patterns';
import { todayInSerang } from '../shared/serang-time';
import { CHECK_AGAIN_AFTER_DAYS, checkIsStale, type VacancyProblem,vacancyProblem } from './company-standing';
import { type ParsedEntry,parseEntry } from './entry-file';
import { unsafeLinks } from './markdown-safe-links';
import { collectionDefs } from './schemas';
import { defaultLocalePath, readEntryData, untranslated, withFallback } from './translation-fallback';
import { uploadProblems } from './uploads';

// Validates content/ with the same schemas the build uses, before the build, and says in Indonesian
// which file and which field is wrong, so a staff member can fix an edit without reading a stack trace.

interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

interface ContentReport {
  files: number;
  problems: ContentProblem[];
  /** Not errors: e.g. an entry not yet translated. */
  notes: ContentProblem[];
}

/** Problems in a Markdown body that the schema cannot see. */
function bodyProblems(body: string): string[] {
  const found: string[] = [];
  // Screen readers announce an image by its alt text; a blank one hides the image's meaning.
  if (/!\[\s*\]\(/.test(body)) found.push('ada gambar tanpa teks alternatif: tulis keterangan gambar di kolom "Alt text"');
  for (const url of unsafeLinks(body)) {
    found.push(`tautan ke "${url.slice(0, 60)}" tidak diizinkan dan tampil sebagai teks biasa: pakai alamat yang diawali https://, mailto:, tel: atau / (halaman situs ini)`);
  }
  return found;
}

async function readEntry(path: string): Promise<ParsedEntry> {
  return parseEntry(path, await readFile(path, 'utf8'));
}


/** Why a vacancy is not on the site, in staff's words. */
const HIDDEN_BECAUSE: Record<Exclude<VacancyProblem, 'company-unknown'>, string> = {
  'sip-expired': 'SIP lowongan sudah berakhir',
  stopped: 'perusahaannya sedang dihentikan sementara',
  revoked: 'izin perusahaannya dicabut',
  'licence-expired': 'izin SIP3MI perusahaannya sudah berakhir',
};

type VacancyFacts = { destination: string; sector: string; company: string; sipValidUntil: Date };
type CompanyFacts = { status: 'aktif' | 'dihentikan-sementara' | 'dicabut'; licenceValidUntil: Date; checkedOn: Date };

export async function checkContent(root = 'content', today = todayInSerang()): Promise<ContentReport> {
  const problems: ContentProblem[] = [];
  const notes: ContentProblem[] = [];
  let files = 0;
  const vacancies: { file: string; data: VacancyFacts }[] = [];
  const companies = new Map<string, CompanyFacts>();
  const destinationKeys = new Set<string>();

  // MDX is code, not content: an .mdx file anywhere under content/ is refused (it is not built either).
  for await (const rel of glob('**/*.mdx', { cwd: root })) {
    const file = relative('.', join(root, rel)).replaceAll('\\', '/');
    problems.push({ file, field: '(berkas)', message: 'berkas .mdx tidak diizinkan di content/ (MDX bisa menjalankan kode); simpan isinya sebagai .md' });
  }

  for (const [name, def] of Object.entries(collectionDefs)) {
    const dir = join(root, name);
    const keysByLocale = new Map<string, Set<string>>();
    const pageSlugs = new Map<string, string>();
    for await (const rel of glob(def.pattern, { cwd: dir })) {
      files++;
      const file = relative('.', join(dir, rel)).replaceAll('\\', '/');
      const [locale, ...rest] = rel.split('/');
      const key = (rest.join('/') || locale || '').replace(/\.[^.]+$/, '');
      if (name !== 'settings') {
        if (locale !== 'id' && locale !== 'en') {
          problems.push({ file, field: '(folder)', message: 'berkas harus ada di folder id/ atau en/' });
          continue;
        }
        if (!SLUG.test(key)) {
          problems.push({ file, field: '(nama berkas)', message: 'pakai huruf kecil, angka dan tanda minus saja, misalnya korea-selatan' });
        }
        keysByLocale.set(locale, (keysByLocale.get(locale) ?? new Set()).add(key));
        if (name === 'destinations') destinationKeys.add(key);
      }
      const entry = await readEntry(join(dir, rel));
      if ('error' in entry) {
        problems.push({ file, field: '(berkas)', message: entry.error });
        continue;
      }
      for (const message of bodyProblems(entry.body ?? '')) problems.push({ file, field: 'body', message });
      // An English entry is checked as the site builds it: untranslated fields taken from Indonesian.
      const fallbackPath = locale === 'en' ? defaultLocalePath(join(dir, rel)) : undefined;
      const fallback = fallbackPath ? readEntryData(fallbackPath) : undefined;
      const own = entry.data;
      const missing = untranslated(own, fallback).filter((k) => typeof fallback?.[k] === 'string' || Array.isArray(fallback?.[k]));
      if (missing.length) notes.push({ file, field: missing.join(', '), message: 'belum diterjemahkan; situs memakai teks bahasa Indonesia' });
      if (fallback && entry.body !== undefined && !entry.body.trim()) notes.push({ file, field: 'body', message: 'isi belum diterjemahkan' });
      const result = def.schema.safeParse(withFallback(own, fallback));
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({ file, field: issue.path.join('.') || '(berkas)', message: issue.message });
        }
        continue;
      }
      if (name === 'vacancies' && locale === 'id') vacancies.push({ file, data: result.data as VacancyFacts });
      if (name === 'companies' && locale === 'id') companies.set(key, result.data as CompanyFacts);
      if (name === 'pages') {
        const slug = (result.data as { slug: string }).slug;
        const clash = pageSlugs.get(`${locale}/${slug}`);
        if (clash) problems.push({ file, field: 'slug', message: `alamat "${slug}" sudah dipakai oleh ${clash}` });
        pageSlugs.set(`${locale}/${slug}`, file);
      }
    }
    const id = keysByLocale.get('id') ?? new Set<string>();
    const en = keysByLocale.get('en') ?? new Set<string>();
    for (const key of id) if (!en.has(key)) notes.push({ file: `${root}/${name}/en/${key}`, field: '(terjemahan)', message: 'versi bahasa Inggris belum ada' });
    for (const key of en) if (!id.has(key)) notes.push({ file: `${root}/${name}/id/${key}`, field: '(terjemahan)', message: 'versi bahasa Indonesia belum ada' });
  }
  let sectors = new Set<string>();
  try {
    const settings = parseYaml(await readFile(join(root, 'settings', 'site.yaml'), 'utf8')) as { registration?: { sectors?: { slug?: string }[] } };
    sectors = new Set((settings?.registration?.sectors ?? []).map((x) => String(x.slug)));
  } catch {
    problems.push({ file: `${root}/settings/site.yaml`, field: '(berkas)', message: 'berkas pengaturan situs tidak ada' });
  }
  // A vacancy points at a destination file and a sector slug; a typo would hide it from every filter.
  for (const { file, data } of vacancies) {
    if (!destinationKeys.has(data.destination)) problems.push({ file, field: 'destination', message: `negara tujuan "${data.destination}" tidak ada` });
    if (!sectors.has(data.sector)) problems.push({ file, field: 'sector', message: `bidang kerja "${data.sector}" tidak ada di pengaturan` });
    if (!companies.has(data.company)) problems.push({ file, field: 'company', message: `perusahaan "${data.company}" tidak ada di daftar perusahaan penempatan` });
    const hidden = vacancyProblem(data, companies, today);
    if (hidden && hidden !== 'company-unknown') notes.push({ file, field: '(tampil di situs)', message: `tidak tampil: ${HIDDEN_BECAUSE[hidden]}` });
  }
  for (const [key, c] of companies) {
    if (checkIsStale(c.checkedOn, today)) notes.push({ file: `${root}/companies/id/${key}.md`, field: 'checkedOn', message: `terakhir diperiksa lebih dari ${CHECK_AGAIN_AFTER_DAYS} hari lalu: periksa lagi di sumber resmi` });
  }
  // Uploads live beside content/ in public/uploads (the CMS's media folder).
  for (const p of await uploadProblems(join(root, '..', 'public', 'uploads'))) problems.push({ file: relative('.', p.file), field: '(berkas unggahan)', message: p.message });
  return { files, problems, notes };
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file} — kolom "${p.field}": ${p.message}`;
}
