import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';

import { config as functionConfig } from '../../../netlify/functions/figures';
import { sectionPath } from '../../../src/content/paths';
import { figuresDoc } from '../../../src/figures/figures-doc';
import { FIGURES_REGION, figuresCsv, figuresCsvPath, figuresRegion, fillFiguresRegion } from '../../../src/figures/page-html';
import { addRecords, emptyTally, type FigureRecord } from '../../../src/figures/tally';
import { locales } from '../../../src/i18n';
import { registrationConfig as lists } from '../../support/registration-config';

// From records as Airtable lists them to the document the page reads, and from the document to the
// page's region and its CSV, which must say the same.

const record = (fields: Record<string, unknown>, createdTime = '2026-03-02T03:00:00.000Z'): FigureRecord => ({ createdTime, fields });
const many = (n: number, fields: Record<string, unknown>, createdTime?: string) =>
  Array.from({ length: n }, () => record(fields, createdTime));
const base = {
  Status: 'Baru',
  Kecamatan: 'Serang',
  'Bidang kerja': 'Konstruksi',
  'Negara tujuan': ['Jepang'],
  'Waktu daftar': '2026-03-02T03:00:00.000Z',
};

describe('counting', () => {
  it('counts a record once per table, its destinations each, a month in WIB, an empty cell as "not given"', () => {
    const tally = emptyTally();
    addRecords(tally, [
      // 31 January 20:00 UTC is 1 February 03:00 WIB.
      record({ ...base, 'Waktu daftar': '2026-01-31T20:00:00.000Z', 'Negara tujuan': ['Jepang', 'Eropa', 'Jepang'] }),
      // No registration time (a row staff typed): when its row was made.
      record({ Status: '', Kecamatan: '' }, '2026-02-10T01:00:00.000Z'),
    ]);
    expect(tally.records).toBe(2);
    expect(tally.counts.months).toEqual({ '2026-02': 2 });
    expect(tally.counts.destinations).toEqual({ Jepang: 1, Eropa: 1 });
    expect(tally.counts.stages).toEqual({ Baru: 2 });
    expect(tally.counts.districts).toEqual({ Serang: 1, '': 1 });
  });
});

describe('the figures document', () => {
  const now = new Date('2026-05-04T17:30:00.000Z'); // 5 May 00:30 WIB
  const tally = emptyTally();
  addRecords(tally, [
    ...many(40, base),
    ...many(25, { ...base, Status: 'Seleksi', Kecamatan: 'Kasemen', 'Waktu daftar': '2026-01-15T03:00:00.000Z' }),
    ...many(3, { ...base, Status: 'Mengundurkan diri', Kecamatan: 'Curug' }),
    ...many(12, { ...base, Status: 'Status baru staf', Kecamatan: 'Walantaka', 'Bidang kerja': 'Perikanan' }),
  ]);
  const doc = figuresDoc(tally, lists, now);

  it('lists every kecamatan and stage, zeroes included, then values no list knows', () => {
    expect(doc.tables.districts.map((c) => c.key)).toEqual(['Serang', 'Kasemen', 'Walantaka', 'Curug', 'Cipocok Jaya', 'Taktakan']);
    expect(doc.tables.stages.map((c) => c.key)).toEqual([...lists.stages.map((s) => s.status), 'Status baru staf']);
    expect(doc.tables.sectors.at(-1)).toEqual({ key: 'Perikanan', shown: 12 });
  });

  it('has every month from the first to the month it was computed in, empty ones too', () => {
    expect(doc.tables.months.map((c) => c.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(doc.tables.months.map((c) => c.shown)).toEqual([25, 'small', 55, 'small', 'small']);
  });

  it('never stores a count below 10, and shows the total', () => {
    expect(doc.total).toBe(80);
    const stored = JSON.stringify(doc);
    for (const table of Object.values(doc.tables))
      for (const c of table) if (typeof c.shown === 'number') expect(c.shown).toBeGreaterThanOrEqual(10);
    expect(stored).not.toMatch(/"shown":[0-9],/);
    // Curug's 3 alone would be 80 minus the rest: the next smallest kecamatan is hidden with it.
    expect(doc.tables.districts.find((c) => c.key === 'Curug')!.shown).toBe('small');
    expect(doc.tables.districts.find((c) => c.key === 'Walantaka')!.shown).toBe('hidden');
  });

  it("hides the total when a table's suppressed cells would still be pinned by it", () => {
    const t = emptyTally();
    // Nine in each of the six kecamatan: all "fewer than 10", and 54 in all would make each exactly 9.
    const districts = ['Serang', 'Kasemen', 'Walantaka', 'Curug', 'Cipocok Jaya', 'Taktakan'];
    addRecords(
      t,
      districts.flatMap((Kecamatan) => many(9, { ...base, Kecamatan })),
    );
    expect(figuresDoc(t, lists, now).total).toBe('hidden');
    // With a zero among them the nines are not pinned: the total stays.
    const spread = emptyTally();
    addRecords(
      spread,
      districts.slice(1).flatMap((Kecamatan) => many(9, { ...base, Kecamatan })),
    );
    expect(figuresDoc(spread, lists, now).total).toBe(45);
    const few = emptyTally();
    addRecords(few, many(4, base));
    expect(figuresDoc(few, lists, now).total).toBe('small');
  });

  it.each(locales)('the page (%s) and its CSV say the same, row by row', (lang) => {
    const region = parse(figuresRegion(lang, doc, lists));
    const pageRows = region.querySelectorAll('table').flatMap((table) =>
      table.querySelectorAll('tbody tr').flatMap((tr) => {
        const td = tr.querySelector('td');
        return td ? [[tr.querySelector('th')!.text, td.text.replace(/[.,](?=\d{3}\b)/g, '')]] : [];
      }),
    );
    const csv = figuresCsv(lang, doc, lists);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const csvRows = csv
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(2)
      .map((line) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')))
      .map(([, label, count]) => [label, count]);
    expect(csvRows).toEqual(pageRows);
    expect(pageRows.length).toBeGreaterThan(20);
    // The total, first in the CSV, is the page's total.
    expect(csv).toContain(`,80,`);
    expect(region.querySelector('.figures-total dd')!.text).toBe('80');
  });

  it('names stages with the stage texts, and draws bars only for numbers shown, hidden from screen readers', () => {
    const region = parse(figuresRegion('en', doc, lists));
    expect(region.querySelector('#angka-stages')).not.toBeNull();
    const stageRows = region
      .querySelectorAll('table')[0]!
      .querySelectorAll('tbody th[scope=row]')
      .map((th) => th.text);
    expect(stageRows.slice(0, 5)).toEqual(lists.stages.slice(0, 5).map((s) => s.title.en));
    expect(region.querySelector('dl.road-ended')!.text).toContain(lists.stages[0]!.meaning.en);
    for (const svg of region.querySelectorAll('svg')) expect(svg.getAttribute('aria-hidden')).toBe('true');
    const bars = region.querySelectorAll('svg').length;
    const numbers = region.querySelectorAll('tbody .figures-num:not(.figures-num--word)').length;
    expect(bars).toBe(numbers);
  });

  it('says there are no figures yet, with the stage meanings, before the first computation', () => {
    const region = parse(figuresRegion('id', undefined, lists));
    expect(region.querySelector('.figures-none')).not.toBeNull();
    expect(region.querySelector('table')).toBeNull();
    expect(region.querySelector('dl.road-ended')!.text).toContain(lists.stages[0]!.meaning.id);
  });

  it('fills only the region between its markers', () => {
    const page = `<h1>x</h1>${FIGURES_REGION.start}<p>none</p>${FIGURES_REGION.end}<p>after</p>`;
    expect(fillFiguresRegion(page, '<p>$& figures</p>')).toBe(
      `<h1>x</h1>${FIGURES_REGION.start}<p>$& figures</p>${FIGURES_REGION.end}<p>after</p>`,
    );
    expect(fillFiguresRegion('<p>no markers</p>', '<p>x</p>')).toBe('<p>no markers</p>');
  });
});

describe('addresses', () => {
  it("the function's literal paths are the page's and the CSV's, with and without the slash", () => {
    const expected = locales.flatMap((lang) => {
      const page = sectionPath(lang, 'figures');
      return [page.slice(0, -1), page, figuresCsvPath(lang)];
    });
    expect([...(functionConfig.path as string[])].sort()).toEqual(expected.sort());
  });
});
