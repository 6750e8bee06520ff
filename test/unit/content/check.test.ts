import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkContent, formatProblem } from '../../../src/content/check';
import {
  editSettings,
  FIXTURE_CONTENT,
  fixtureContentCopy,
  LAUNCH_FACTS,
  type LaunchFacts,
  removeContentCopy,
  type SettingsInput,
} from '../../support/fixture-content';

// On the tests' content (test/fixtures/content), never the live content/: `npm test` checks that one
// first (npm run check:content), and whatever staff publish, these rules must read the same.

describe.each(LAUNCH_FACTS)('the tests’ content, launch facts %s', (facts) => {
  it('passes the content check with every entry translated', async () => {
    const dir = await fixtureContentCopy(facts);
    try {
      const report = await checkContent(dir);
      expect(report.problems.map(formatProblem)).toEqual([]);
      expect(report.notes.map(formatProblem)).toEqual([]);
      const files = (await readdir(FIXTURE_CONTENT, { recursive: true, withFileTypes: true })).filter(
        (f) => f.isFile() && /\.(md|yaml)$/.test(f.name),
      );
      expect(report.files).toBe(files.length);
    } finally {
      await removeContentCopy(dir);
    }
  });
});

/** The content check's report on a copy of the tests' content with one file changed by `edit`. */
async function checkEdited(file: string, edit: (source: string) => string, facts: LaunchFacts = 'empty') {
  const dir = await fixtureContentCopy(facts);
  try {
    const path = join(dir, file);
    await writeFile(path, edit(await readFile(path, 'utf8')));
    return await checkContent(dir);
  } finally {
    await removeContentCopy(dir);
  }
}

/** The same for a change to the settings, made as the CMS makes it (the whole file written again). */
async function checkSettingsEdited(change: (s: SettingsInput) => void, facts: LaunchFacts) {
  const dir = await fixtureContentCopy(facts);
  try {
    await editSettings(dir, change);
    return await checkContent(dir);
  } finally {
    await removeContentCopy(dir);
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
      why: 'an image without alt text in a body',
      file: 'destinations/id/jepang.md',
      edit: (s: string) => `${s}\n![](/uploads/tokyo.jpg)\n`,
      field: 'body',
      says: /teks alternatif/,
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

describe.each(LAUNCH_FACTS)('a broken settings edit (launch facts %s) is reported by field, in Indonesian', (facts) => {
  it.each([
    {
      why: 'an email that is not an email',
      change: (s: SettingsInput) => (s.contact.email = 'disnaker-di-serang'),
      field: 'contact.email',
      says: /tidak valid/,
    },
    {
      why: "an officer's email that is not an email",
      change: (s: SettingsInput) => (s.privacy.officer = { ...s.privacy.officer, email: 'pejabat-pdp' }),
      field: 'privacy.officer.email',
      says: /tidak valid/,
    },
    {
      why: 'a retention shorter than language training can last',
      change: (s: SettingsInput) => (s.privacy.retentionMonths = 6),
      field: 'privacy.retentionMonths',
      says: /paling sedikit 12 bulan/,
    },
    {
      why: 'an exempt sector that is not in the sector list',
      change: (s: SettingsInput) => (s.registration.rules.educationExemptSectors = ['kehutanan']),
      field: 'registration.rules.educationExemptSectors',
      says: /harus ada di daftar bidang kerja/,
    },
  ])('$why', async ({ change, field, says }) => {
    const { problems } = await checkSettingsEdited(change, facts);
    const mine = problems.filter((p) => p.file.endsWith('settings/site.yaml'));
    expect(mine.map((p) => p.field), JSON.stringify(problems)).toEqual([field]);
    expect(formatProblem(mine[0]!)).toMatch(says);
  });
});
