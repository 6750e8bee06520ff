import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';

import { checkContent, formatProblem } from '../../../src/content/check';
import { safeLinks, unsafeLinks } from '../../../src/content/markdown-safe-links';
import { isSafeUrl } from '../../../src/shared/safe-url';
import { editSettings, fixtureContentCopy, LAUNCH_FACTS, type LaunchFacts, removeContentCopy } from '../../support/fixture-content';

// The plugin Astro runs on every Markdown body (astro.config.mjs), run here on a corpus of hostile links.
const render = (md: string) => markdownToHtml(md, { hastPlugins: [safeLinks] }).html;

const hostile: [string, string][] = [
  ['plain', '[Klik](javascript:alert(1))'],
  ['upper case', '[Klik](JAVASCRIPT:alert(1))'],
  ['autolink', '<javascript:alert(1)>'],
  ['reference', '[Klik][x]\n\n[x]: javascript:alert(1)'],
  ['entity-encoded', '[Klik](jav&#x61;script:alert(1))'],
  ['decimal entity colon', '[Klik](javascript&#58;alert(1))'],
  ['data: page', '[Klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data: image', '![Gambar](data:image/svg+xml;base64,PHN2Zz4=)'],
  ['vbscript', '[Klik](vbscript:msgbox(1))'],
  ['file', '[Klik](file:///etc/passwd)'],
  ['protocol-relative', '[Klik](//contoh-penipu.example/daftar)'],
];

describe('links in content bodies', () => {
  it.each(hostile)('a %s link renders as text, never as a link', (_why, md) => {
    const html = render(md);
    expect(html).not.toMatch(/<a |<img /);
    expect(html).not.toMatch(/href=|src=/);
    expect(unsafeLinks(md)).toHaveLength(1);
  });

  it.each([
    ['https', '[KP2MI](https://kp2mi.go.id/)', 'https://kp2mi.go.id/'],
    ['http', '[Situs](http://contoh.go.id/)', 'http://contoh.go.id/'],
    ['mailto', '[Email](mailto:info@contoh.go.id)', 'mailto:info@contoh.go.id'],
    ['tel', '[Telepon](tel:+62254000000)', 'tel:+62254000000'],
    ['a page of this site', '[Persyaratan](/persyaratan/)', '/persyaratan/'],
    ['an anchor', '[Ke atas](#isi)', '#isi'],
    ['an uploaded image', '![Peta](/uploads/peta.png)', '/uploads/peta.png'],
  ])('a %s link stays a link', (_why, md, url) => {
    expect(render(md)).toContain(`="${url}"`);
    expect(unsafeLinks(md)).toEqual([]);
  });

  it('a tab in a scheme or a backslash host is percent-encoded by Markdown: a path here, never a scheme or another host', () => {
    expect(render('[Klik](<java\tscript:alert(1)>)')).toContain('href="java%09script:alert(1)"');
    expect(render('[Klik](<\\\\contoh.example>)')).toMatch(/href="%5C/);
  });

  it('keeps the words of a refused link, so the sentence still reads', () => {
    expect(render('Lihat [daftar resmi](javascript:x) di sini.').trim()).toBe('<p>Lihat <span>daftar resmi</span> di sini.</p>');
    expect(render('![Peta kantor](data:image/png;base64,AA==)')).toContain('Peta kantor');
  });

  it('isSafeUrl reads a URL as a browser does (control characters and spaces removed)', () => {
    expect(isSafeUrl(' \u0001javascript:x')).toBe(false);
    expect(isSafeUrl('java\nscript:x')).toBe(false);
    expect(isSafeUrl('persyaratan/')).toBe(true);
    expect(isSafeUrl('HTTPS://contoh.go.id')).toBe(true);
  });
});

/** The content check on a copy of the tests' content (never the live content/) changed by `edit`. */
async function copyWith(edit: (content: string) => Promise<void>, facts: LaunchFacts = 'empty') {
  const content = await fixtureContentCopy(facts);
  try {
    await edit(content);
    return await checkContent(content);
  } finally {
    await removeContentCopy(content);
  }
}

describe.each(LAUNCH_FACTS)('npm run check:content names what the pages would refuse (launch facts %s)', (facts) => {
  it('an unsafe link in a body, by file', async () => {
    const report = await copyWith(async (content) => {
      const path = join(content, 'pages/id/kontak.md');
      await writeFile(path, `${await readFile(path, 'utf8')}\n[Hubungi kami](javascript:alert(1))\n`);
    }, facts);
    expect(report.problems.map(formatProblem)).toEqual([expect.stringMatching(/pages\/id\/kontak\.md — kolom "body": tautan ke "javascript:alert\(1\)" tidak diizinkan/)]);
  });

  it('a javascript: address in a URL field of the settings', async () => {
    const report = await copyWith((content) => editSettings(content, (s) => (s.reporting = { ...s.reporting, website: 'javascript:alert(1)' })), facts);
    expect(report.problems.map(formatProblem)).toEqual([expect.stringMatching(/site\.yaml — kolom "reporting\.website": alamat web harus diawali https:\/\//)]);
  });
});

describe('npm run check:content names uploads it would refuse', () => {
  it('uploads: only images and PDF, by their content, within the size limits', async () => {
    // Uploads live beside content/, in public/uploads (the CMS's media folder).
    const report = await copyWith(async (content) => {
      const uploads = join(dirname(content), 'public/uploads');
      await mkdir(uploads, { recursive: true });
      await writeFile(join(uploads, 'foto.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]));
      await writeFile(join(uploads, 'brosur.pdf'), '%PDF-1.7\n%synthetic\n');
      await writeFile(join(uploads, 'palsu.png'), '<html><script>alert(1)</script></html>');
      await writeFile(join(uploads, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      await writeFile(join(uploads, 'besar.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1_200_000)]));
    });
    const found = report.problems.map(formatProblem);
    expect(found).toHaveLength(3);
    expect(found).toContainEqual(expect.stringMatching(/palsu\.png .*bukan gambar/));
    expect(found).toContainEqual(expect.stringMatching(/logo\.svg .*jenis berkas tidak diizinkan/));
    expect(found).toContainEqual(expect.stringMatching(/besar\.jpg .*terlalu besar/));
  });
});
