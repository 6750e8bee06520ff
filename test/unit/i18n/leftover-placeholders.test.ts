import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { t } from '../../../src/i18n';
import { leftoverPlaceholders, leftoverReport } from '../../../src/i18n/leftover-placeholders';
import { builtLeftovers } from '../../../src/i18n/placeholder-integration';

// The notice once read "dihapus {months} bulan": the retention sentence holds {months} twice and only the
// first was replaced. t() fills every occurrence; the build refuses any page still showing a placeholder.

describe('every substitution fills every occurrence', () => {
  it('the retention sentence, which names the months twice, in both languages', () => {
    for (const lang of ['id', 'en'] as const) {
      const text = t(lang, 'privacy.facts.retentionMonths', { months: 24 });
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text.match(/24/g)?.length, lang).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('a page with a placeholder left is named, with the string it came from', () => {
  const half = (lang: 'id' | 'en') => t(lang, 'privacy.facts.retentionMonths').replace('{months}', '24');

  it('finds the second {months} of the notice and names privacy.facts.retentionMonths', () => {
    const found = leftoverPlaceholders(`<main><p>${half('id')}</p></main>`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ placeholder: '{months}', keys: ['privacy.facts.retentionMonths'] });
    expect(found[0]!.excerpt).toContain('data dihapus {months} bulan');
  });

  it('finds one in an attribute; braces typed in content match no interface string and are not reported', () => {
    expect(leftoverPlaceholders('<img alt="Kode QR ke {url}">')[0]?.keys).toContain('poster.qrLabel');
    expect(leftoverPlaceholders('<p>Hubungi {petugas}</p>')[0]?.keys).toEqual([]);
    // A placeholder name some string uses, typed by staff amid their own words: text, not a leftover.
    expect(leftoverPlaceholders('<p>Tulis {name} dan {months} di sini</p>').every((l) => l.keys.length === 0)).toBe(true);
    expect(leftoverReport({ 'a/index.html': '<p>Tulis {name} dan {months} di sini</p>' })).toEqual([]);
  });

  it('ignores braces that are code: JSON-LD, style sheets, scripts, and braces around no name', () => {
    const html =
      '<script type="application/ld+json">{"@context":"https://schema.org","name":"{x}"}</script>' +
      '<style>.a{color:red}.b{x}</style><script>let o={a}</script><p>{ } dan {} dan {a b}</p>';
    expect(leftoverPlaceholders(html)).toEqual([]);
  });

  it('reads the built pages and the function page shells, and names each', async () => {
    const root = await mkdtemp(join(tmpdir(), 'placeholders-'));
    try {
      await mkdir(join(root, 'privasi'));
      await mkdir(join(root, 'admin'));
      await writeFile(join(root, 'privasi/index.html'), `<p>${half('id')}</p>`);
      await writeFile(join(root, 'index.html'), '<p>Tidak ada yang tertinggal.</p>');
      // The CMS application is not a page of the site.
      await writeFile(join(root, 'admin/index.html'), '<p>{notAPage}</p>');
      const found = await builtLeftovers(root, async () => ({ 'receipt-en': `<p>${t('en', 'reg.thanks.date')}</p>` }));
      expect(found).toHaveLength(2);
      expect(found[0]).toMatch(/^privasi\/index\.html: \{months\} \(interface string privacy\.facts\.retentionMonths\)/);
      expect(found[1]).toMatch(/^\(function page\) receipt-en: \{time\} \(interface string reg\.thanks\.date\)/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports nothing for filled pages', () => {
    expect(leftoverReport({ 'a.html': `<p>${t('id', 'privacy.facts.retentionMonths', { months: 24 })}</p>` })).toEqual([]);
  });
});
