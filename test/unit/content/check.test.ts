import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkContent, formatProblem } from '../../../src/content/check';

describe('content in the repository', () => {
  it('passes the content check with every entry translated', async () => {
    const report = await checkContent('content');
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.notes.map(formatProblem)).toEqual([]);
    expect(report.files).toBeGreaterThan(30);
  });
});

/** The content check's report on a copy of content/ with one file changed by `edit`. */
async function checkEdited(file: string, edit: (source: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), 'content-'));
  try {
    await cp('content', dir, { recursive: true });
    const path = join(dir, file);
    await writeFile(path, edit(await readFile(path, 'utf8')));
    return await checkContent(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('an English entry not translated yet', () => {
  it('is not an error: it falls back to Indonesian and the check says what to translate', async () => {
    const { problems, notes } = await checkEdited('destinations/en/eropa.md', (s) => s.replace('name: Europe', 'name: ""').replace(/^summary: .*$/m, 'summary: null'));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(notes.map(formatProblem)).toContainEqual(expect.stringMatching(/en\/eropa\.md — kolom "name, summary": belum diterjemahkan/));
  });
});

describe('a broken edit is reported by file and field, in Indonesian', () => {
  it.each([
    {
      why: 'a number typed as words',
      file: 'destinations/id/jepang.md',
      edit: (s: string) => s.replace('order: 1', 'order: satu'),
      field: 'order',
      says: /tidak valid/,
    },
    {
      why: 'a required field left empty',
      file: 'destinations/id/eropa.md',
      edit: (s: string) => s.replace('name: Eropa', 'name: ""'),
      field: 'name',
      says: /wajib diisi/,
    },
    {
      why: 'a region that does not exist',
      file: 'destinations/id/australia.md',
      edit: (s: string) => s.replace('region: oseania', 'region: amerika'),
      field: 'region',
      says: /salah satu dari/,
    },
    {
      why: 'a field the schema does not know (a typo in its name)',
      file: 'faq/id/gratis.yaml',
      edit: (s: string) => s.replace('category:', 'kategori:'),
      field: '(berkas)',
      says: /kategori/,
    },
    {
      why: 'frontmatter that is not valid YAML',
      file: 'pages/id/persyaratan.md',
      edit: (s: string) => s.replace('title: Persyaratan', 'title: [Persyaratan'),
      field: '(berkas)',
      says: /tidak bisa dibaca/,
    },
    {
      why: 'two pages claiming the same address',
      file: 'pages/id/jadwal.md',
      edit: (s: string) => s.replace('slug: jadwal', 'slug: persyaratan'),
      field: 'slug',
      says: /sudah dipakai/,
    },
    {
      why: 'a settings email that is not an email',
      file: 'settings/site.yaml',
      edit: (s: string) => s.replace('email: ""', 'email: disnaker-di-serang'),
      field: 'contact.email',
      says: /tidak valid/,
    },
    {
      why: 'an image without alt text in a body',
      file: 'destinations/id/jepang.md',
      edit: (s: string) => `${s}\n![](/uploads/tokyo.jpg)\n`,
      field: 'body',
      says: /teks alternatif/,
    },
    {
      why: 'an exempt sector that is not in the sector list',
      file: 'settings/site.yaml',
      edit: (s: string) => s.replace('educationExemptSectors: [perkebunan]', 'educationExemptSectors: [kehutanan]'),
      field: 'registration.rules.educationExemptSectors',
      says: /harus ada di daftar bidang kerja/,
    },
  ])('$why', async ({ file, edit, field, says }) => {
    const { problems } = await checkEdited(file, edit);
    const mine = problems.filter((p) => p.file.endsWith(file) || p.message.endsWith(file));
    expect(mine.length, JSON.stringify(problems)).toBeGreaterThan(0);
    const problem = mine.find((p) => p.field === field) ?? mine[0];
    expect(problem?.field).toBe(field);
    expect(formatProblem(problem!)).toMatch(says);
  });
});
