import { execFile } from 'node:child_process';
import { cp, glob, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { type HTMLElement, parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { z } from 'zod';

import { checkContent, formatProblem } from '../../src/content/check';
import { parseEntry } from '../../src/content/entry-file';
import { collectionDefs } from '../../src/content/schemas';
import { withFallback } from '../../src/content/translation-fallback';
import { sha256Source } from '../../src/server/own-scripts';
import { inlineHashes } from '../../src/server/security-headers';
import { todayInSerang } from '../../src/shared/serang-time';
import { copyProject } from '../../tools/project-copy';

// Content text must never become markup, a redirect or a policy hash. Every string field of every
// collection — found from the zod schemas, so a field added later is covered without touching this
// test — gets markup that tries to break out of where it lands (an element, an attribute, the JSON of
// the structured data, a page shell's slots). The same project (test/fixtures/content plus a company
// in each standing and a vacancy) is built twice: once with a plain word in each of those fields, once
// with the payloads. No page may differ in its elements, attributes, link schemes, refresh or policy.

const run = promisify(execFile);

/** Each tries another way out; fields get as many as their schema accepts (short fields fewer). */
const PAYLOADS = [
  '</script><meta http-equiv=refresh content=0;url=https://evil.example>',
  '<SCRIPT>alert(1)</SCRIPT>',
  '<style>body{display:none}</style>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  'a\u2028b\u2029c',
  '{{name}} {name}',
  // The slots the functions fill in their page shells (src/server/page-shell.ts).
  '<!--function-content--> %%title-prefix%%',
];
/** For fields that accept only a web address. */
const URL_PAYLOADS = [
  'https://evil.example/?q="><img src=x onerror=alert(1)>',
  'https://evil.example/</script><meta http-equiv=refresh content=0;url=https://evil.example>',
  'javascript:alert(1)',
];
const BODY_PAYLOAD = `${PAYLOADS.join(' ')} [tautan](javascript:alert(1)) <javascript:alert(1)>`;
/** A body's plain twin: Markdown links an address typed in a body (the payload's https://evil.example) on both sides. */
const BODY_PLAIN = 'Teks uji isi, lihat https://contoh.invalid/isi.';

type Path = (string | number)[];
interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

/** Where in an entry a string may go, by the schema (input side), following the entry's own arrays. */
function stringPaths(s: JsonSchema, data: unknown, path: Path = [], out: { path: Path; text: boolean }[] = []) {
  const branches = s.anyOf ?? [s];
  const str = branches.find((b) => b.type === 'string' && b.const === undefined && !b.enum);
  if (str) {
    // Free text, as opposed to a date, slug, e-mail or URL, must take a payload (checked below).
    out.push({ path, text: !str.format && !str.pattern });
    return out;
  }
  const obj = branches.find((b) => b.type === 'object');
  if (obj)
    for (const [k, p] of Object.entries(obj.properties ?? {})) stringPaths(p, (data as Record<string, unknown>)?.[k], [...path, k], out);
  const arr = branches.find((b) => b.type === 'array');
  if (arr?.items) {
    const n = Array.isArray(data) && data.length ? data.length : 1;
    for (let i = 0; i < n; i++) stringPaths(arr.items, (data as unknown[] | undefined)?.[i], [...path, i], out);
  }
  return out;
}

function setIn(data: Record<string, unknown>, path: Path, value: string): Record<string, unknown> {
  const copy = structuredClone(data);
  let at: Record<string | number, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) at[key] = value;
    else at = (at[key] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
  return copy;
}

const inputSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const shift = (days: number) => new Date(Date.parse(`${todayInSerang()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const company = (over: Record<string, unknown>) => ({
  name: 'PT Uji',
  licenceNumber: 'SIP3MI-UJI-1',
  licenceIssued: shift(-400),
  licenceValidUntil: shift(300),
  headOffice: 'Jl. Uji No. 1',
  branches: [{ city: 'Kota Serang', address: 'Jl. Uji No. 2' }],
  status: 'aktif',
  source: 'https://contoh.invalid/p3mi',
  checkedOn: shift(-10),
  notes: 'Catatan',
  ...over,
});
/** Entries the fixture lacks, so every company standing and a vacancy have pages. */
const extraEntries: Record<string, Record<string, unknown>> = {
  'companies/pt-uji-aktif.md': company({}),
  'companies/pt-uji-skors.md': company({
    status: 'dihentikan-sementara',
    stoppedFrom: shift(-20),
    stoppedUntil: shift(70),
    stoppedDecree: 'KEP-UJI/7',
    stoppedScope: 'sebagian',
  }),
  'companies/pt-uji-cabut.md': company({ status: 'dicabut', revokedOn: shift(-5), revokedDecree: 'KEP-UJI/9' }),
  'vacancies/operator-uji.md': {
    position: 'Operator uji',
    destination: 'jepang',
    sector: 'manufaktur',
    company: 'pt-uji-aktif',
    sipNumber: 'SIP-UJI-1',
    sipValidUntil: shift(30),
    quota: 5,
    requirements: ['Lulus SMA'],
    trainingMonths: '3 bulan',
    updated: todayInSerang(),
  },
};

interface Filled {
  /** content/… file → its text, once with plain words and once with payloads. */
  plain: Record<string, string>;
  payload: Record<string, string>;
  /** "file: field" → the payload it got. */
  given: Map<string, string>;
  /** Free-text fields no payload fitted: must stay empty. */
  uncovered: string[];
}

const entryText = (file: string, data: Record<string, unknown>, body: string | undefined) =>
  file.endsWith('.yaml') ? stringify(data) : `---\n${stringify(data)}---\n${body ?? ''}`;

/** Reads test/fixtures/content (plus the extra entries) and fills every string field both ways. */
async function fillContent(): Promise<Filled> {
  const files: { file: string; collection: keyof typeof collectionDefs; data: Record<string, unknown>; body?: string }[] = [];
  for await (const rel of glob('**/*.{md,yaml}', { cwd: 'test/fixtures/content' })) {
    const entry = parseEntry(rel, await readFile(join('test/fixtures/content', rel), 'utf8'));
    if ('error' in entry) throw new Error(`${rel}: ${entry.error}`);
    files.push({ file: rel, collection: rel.split('/')[0] as keyof typeof collectionDefs, ...entry });
  }
  for (const [key, data] of Object.entries(extraEntries)) {
    const [collection, name] = key.split('/') as [keyof typeof collectionDefs, string];
    for (const lang of ['id', 'en']) files.push({ file: `${collection}/${lang}/${name}`, collection, data, body: '\nTeks.\n' });
  }
  // Indonesian first: an English entry is checked (and built) over its Indonesian one.
  files.sort((a, b) => Number(a.file.includes('/en/')) - Number(b.file.includes('/en/')));
  const filled: Filled = { plain: {}, payload: {}, given: new Map(), uncovered: [] };
  const finalData = new Map<string, Record<string, unknown>>();
  let n = 0;
  for (const { file, collection, data, body } of files) {
    const schema = collectionDefs[collection].schema as z.ZodType;
    const fallback = file.includes('/en/') ? finalData.get(file.replace('/en/', '/id/')) : undefined;
    const accepts = (d: Record<string, unknown>) => schema.safeParse(withFallback(d, fallback)).success;
    let plain = withFallback(data, fallback);
    let payload = plain;
    if (!accepts(plain)) throw new Error(`fixture ${file} does not pass its schema`);
    for (const { path, text } of stringPaths(inputSchema(schema), plain)) {
      // Greedy: as many payloads as the field accepts, each entry starting at another one.
      const order = [...PAYLOADS, ...URL_PAYLOADS].map((_, i, all) => all[(i + n) % all.length]!);
      let value = '';
      for (const p of order) {
        const next = value ? `${value} ${p}` : p;
        if (accepts(setIn(payload, path, next))) value = next;
      }
      const field = `${file}: ${path.join('.')}`;
      if (!value) {
        if (text) filled.uncovered.push(field);
        continue;
      }
      const word = value.startsWith('https://') ? `https://contoh.invalid/uji-${n}` : `Teks uji ${n}`;
      const plainNext = setIn(plain, path, word);
      if (!accepts(plainNext)) throw new Error(`${field}: the plain value "${word}" is refused`);
      payload = setIn(payload, path, value);
      plain = plainNext;
      filled.given.set(field, value);
      n++;
    }
    finalData.set(file, payload);
    filled.plain[file] = entryText(file, plain, body === undefined ? undefined : `${body}\n${BODY_PLAIN}\n`);
    filled.payload[file] = entryText(file, payload, body === undefined ? undefined : `${body}\n${BODY_PAYLOAD}\n`);
  }
  return filled;
}

async function project(prefix: string, content: Record<string, string>): Promise<string> {
  const dir = await copyProject(prefix);
  await rm(join(dir, 'content'), { recursive: true, force: true });
  await cp('test/fixtures/content', join(dir, 'content'), { recursive: true });
  for (const [file, text] of Object.entries(content)) {
    await mkdir(join(dir, 'content', file, '..'), { recursive: true });
    await writeFile(join(dir, 'content', file), text);
  }
  return dir;
}

const build = (cwd: string) =>
  run(join(process.cwd(), 'node_modules/.bin/astro'), ['build', '--silent'], {
    cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 1 << 26,
  });

const parsePage = (html: string) => parse(html, { comment: false, blockTextElements: { script: true, style: true } });
// eslint-disable-next-line no-control-regex
const scheme = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase() ?? 'path';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data']);

/**
 * A page's shape: every element with its attributes' names, the scheme of every address, the kind of
 * every <meta http-equiv>, the hash of every inline stylesheet and script, and the hashes a function's
 * policy would allow for it. Text and attribute values may differ between the two builds; the shape
 * may not.
 */
function shape(html: string): string[] {
  return (
    parsePage(html)
      .querySelectorAll('*')
      // A link the site refuses (javascript: in a body) shows its text in a bare <span> (markdown-safe-links.ts).
      .filter((el) => !(el.tagName === 'SPAN' && !el.rawAttrs.trim()))
      .map((el: HTMLElement) => {
        const attrs = Object.entries(el.attributes).map(([name, value]) => {
          const attr = name.toLowerCase();
          if (URL_ATTRIBUTES.has(attr)) return `${attr}=${scheme(value)}:`;
          if (attr === 'http-equiv') return `${attr}=${value.toLowerCase()}`;
          return attr;
        });
        const tag = el.tagName.toLowerCase();
        const type = el.getAttribute('type') ?? '';
        // Our own inline code is the same whatever the content; structured data is content.
        const code = tag === 'style' || (tag === 'script' && type !== 'application/ld+json') ? ` ${sha256Source(el.rawText)}` : '';
        return `<${tag} ${attrs.sort().join(' ')}${tag === 'script' ? ` type=${type}` : ''}${code}>`;
      })
      // …and what a function's policy would allow for this page, read as it is at run time.
      .concat(`policy: ${[...inlineHashes(html).styles, ...inlineHashes(html).scripts].sort().join(' ')}`)
  );
}

interface Built {
  dir: string;
  pages: Map<string, string>;
}

async function readBuilt(dir: string): Promise<Built> {
  const pages = new Map<string, string>();
  for await (const f of glob('**/*.html', { cwd: join(dir, 'dist'), exclude: ['admin/**'] }))
    pages.set(f, await readFile(join(dir, 'dist', f), 'utf8'));
  const generated = JSON.parse(await readFile(join(dir, 'src/site-data/generated.json'), 'utf8')) as {
    shells: Record<string, Record<string, string>>;
  };
  for (const [name, byLang] of Object.entries(generated.shells))
    for (const [lang, html] of Object.entries(byLang)) pages.set(`(function page) ${name}-${lang}`, html);
  return { dir, pages };
}

let filled: Filled;
let plain: Built;
let payload: Built;
let payloadBuild: { code: number; out: string };

beforeAll(async () => {
  filled = await fillContent();
  const [plainDir, payloadDir] = await Promise.all([project('markup-plain-', filled.plain), project('markup-payload-', filled.payload)]);
  await build(plainDir);
  payloadBuild = await build(payloadDir).then(
    () => ({ code: 0, out: '' }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  plain = await readBuilt(plainDir);
  payload = await readBuilt(payloadDir).catch(() => ({ dir: payloadDir, pages: new Map() }));
}, 300_000);

afterAll(async () => {
  for (const b of [plain, payload]) if (b) await rm(b.dir, { recursive: true, force: true });
});

describe('content text never becomes markup or policy', () => {
  it('every free-text field of every collection takes a payload (found from the schemas)', () => {
    expect(filled.uncovered).toEqual([]);
    const collections = new Set([...filled.given.keys()].map((f) => f.split('/')[0]));
    expect([...collections].sort()).toEqual(Object.keys(collectionDefs).sort());
    // The register's address, the field of the reported breakout, carries the redirect.
    expect(filled.given.get('companies/id/pt-uji-aktif.md: headOffice')).toContain('</script><meta http-equiv=refresh');
  });

  it('the content check refuses a value only with a message naming file and field', async () => {
    const report = await checkContent(join(payload.dir, 'content'));
    for (const p of report.problems) {
      expect(p.file, formatProblem(p)).toContain('content/');
      expect(p.field, formatProblem(p)).toBeTruthy();
    }
    // A javascript: link in a body is refused; the text fields pass and are shown as typed.
    expect(report.problems.some((p) => p.field === 'body' && p.message.includes('tidak diizinkan'))).toBe(true);
    expect(report.problems.filter((p) => p.field !== 'body').map(formatProblem)).toEqual([]);
  });

  it('builds, with the same pages as without the payloads', () => {
    expect(payloadBuild.out).toBe('');
    expect(payloadBuild.code).toBe(0);
    expect([...payload.pages.keys()].sort()).toEqual([...plain.pages.keys()].sort());
    expect(plain.pages.size).toBeGreaterThan(50);
  });

  it('no page (function page shells included) gains an element, attribute, address scheme or refresh', () => {
    const differ: string[] = [];
    for (const [page, html] of plain.pages) {
      const before = shape(html);
      const after = shape(payload.pages.get(page) ?? '');
      const i = before.findIndex((s, k) => s !== after[k]);
      if (i >= 0 || after.length !== before.length)
        differ.push(`${page}: ${before[i] ?? '(end)'} → ${after[i === -1 ? before.length : i] ?? '(end)'}`);
    }
    expect(differ).toEqual([]);
  });

  it('no policy gains a hash: _headers and the 404 page’s own policy are the same', async () => {
    const headers = (b: Built) => readFile(join(b.dir, 'dist/_headers'), 'utf8');
    expect(await headers(payload)).toBe(await headers(plain));
    const meta = (b: Built) => parsePage(b.pages.get('404.html')!).querySelector('meta[http-equiv]')?.getAttribute('content');
    expect(meta(payload)).toBe(meta(plain));
  });

  it('the payloads are on the pages as text, and in the structured data as the same text', () => {
    const value = filled.given.get('companies/id/pt-uji-aktif.md: headOffice')!;
    const page = parsePage(payload.pages.get('perusahaan/pt-uji-aktif/index.html')!);
    expect(page.querySelector('main')!.text).toContain(value);
    const jsonLd = page.querySelector('script[type="application/ld+json"]')!.rawText;
    expect(jsonLd).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(jsonLd).address).toBe(value);
    // Somewhere on some page, every payload shows as the text that was typed.
    const text = [...payload.pages.values()].map((html) => parsePage(html).text).join('\n');
    for (const p of PAYLOADS) expect(text, p).toContain(p);
  });
});
