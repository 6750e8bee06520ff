import { sectionPath } from '../content/paths';
import { type Locale, type MessageKey, t } from '../i18n';
import { esc } from '../shared/html';
import { FINAL_STATUSES, isStatus } from '../shared/registration-status';
import { SERANG_TIME_ZONE } from '../shared/serang-time';
import { type FigureLists, knownRows, type TableName, TABLES } from './categories';
import type { FiguresDoc } from './figures-doc';
import { PARTITIONS } from './figures-doc';
import type { Shown } from './suppress';

// The figures as people read them, in one place for the page and its CSV, so the two always say the
// same: tables of rows (a name, a count as shown), drawn as HTML tables with a bar beside each number,
// and as CSV rows. The page's stage names and meanings are the stage texts of settings → applicantStatus,
// the same the stages page and the status check show (handed to the functions in the registration config).

/** Where the function puts the day's figures in the page the build made (src/components/views/FiguresView.astro). */
export const FIGURES_REGION = { start: '<!--figures-->', end: '<!--/figures-->' } as const;

/** The CSV's address beside the page: /angka/angka.csv, /en/figures/figures.csv. */
export const figuresCsvPath = (lang: Locale) => `${sectionPath(lang, 'figures')}${t(lang, 'figures.csv.file')}.csv`;

interface Row {
  label: string;
  shown: Shown;
}
interface FigureTable {
  name: TableName;
  /** Row groups: the stages split into the road and the ways out; one unnamed group elsewhere. */
  groups: { heading?: string; rows: Row[] }[];
  /** Whether the rows add up to the total (one row per registration): the table ends with it. */
  totalRow: boolean;
}

const numbers: Record<Locale, Intl.NumberFormat> = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const monthNames: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const moment = (locale: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: SERANG_TIME_ZONE,
  });
const moments: Record<Locale, Intl.DateTimeFormat> = { id: moment('id-ID'), en: moment('en-GB') };

/** "Selasa, 3 Maret 2026 pukul 00.12 WIB": when the figures were computed, in words, in Kota Serang's time. */
const computedAtWords = (lang: Locale, doc: FiguresDoc) => `${moments[lang].format(new Date(doc.computedAt))} WIB`;

/** A count as the page writes it: "1.234", "kurang dari 10", "disembunyikan". */
function shownText(lang: Locale, shown: Shown): string {
  if (shown === 'small') return t(lang, 'figures.small');
  if (shown === 'hidden') return t(lang, 'figures.hidden');
  return numbers[lang].format(shown);
}

function monthLabel(lang: Locale, key: string, current: string): string {
  if (!/^\d{4}-\d{2}$/.test(key)) return t(lang, 'figures.notGiven');
  const name = monthNames[lang].format(new Date(`${key}-01T00:00:00Z`));
  return key === current ? t(lang, 'figures.months.current', { month: name }) : name;
}

/** The page's tables from the document, every row named in `lang`. */
function figureTables(lang: Locale, doc: FiguresDoc, lists: FigureLists): FigureTable[] {
  const known = knownRows(lists);
  const current = new Intl.DateTimeFormat('en-CA', { timeZone: SERANG_TIME_ZONE, year: 'numeric', month: '2-digit' })
    .format(new Date(doc.computedAt))
    .slice(0, 7);
  const label = (table: TableName, key: string): string => {
    if (table === 'months') return monthLabel(lang, key, current);
    if (!key) return t(lang, 'figures.notGiven');
    return known[table].find((r) => r.key === key)?.label[lang] ?? key;
  };
  return TABLES.map((name) => {
    const rows = doc.tables[name].map((c) => ({ key: c.key, label: label(name, c.key), shown: c.shown }));
    const totalRow = PARTITIONS.includes(name);
    if (name !== 'stages') return { name, groups: [{ rows }], totalRow };
    // The road, then the three ways a case ends (FINAL_STATUSES), then any status staff added in Airtable.
    const road = rows.filter((r) => isStatus(r.key) && !FINAL_STATUSES.includes(r.key));
    const ended = rows.filter((r) => isStatus(r.key) && FINAL_STATUSES.includes(r.key));
    const other = rows.filter((r) => !isStatus(r.key));
    return {
      name,
      totalRow,
      groups: [
        { heading: t(lang, 'figures.group.road'), rows: road },
        { heading: t(lang, 'figures.group.ended'), rows: ended },
        ...(other.length ? [{ heading: t(lang, 'figures.group.other'), rows: other }] : []),
      ],
    };
  });
}

/** A bar as long as the count against the table's largest: decorative, the number beside it says it. */
function bar(shown: Shown, max: number): string {
  if (typeof shown !== 'number' || max <= 0) return '<span class="figures-bar figures-bar--none"></span>';
  const width = Math.max(0.5, (shown / max) * 100).toFixed(1);
  return `<svg class="figures-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${width}" height="8"></rect></svg>`;
}

// The grid is on a span inside the cell: a cell that is itself a grid may lose its table semantics.
const cell = (lang: Locale, shown: Shown, max: number) =>
  `<td class="figures-cell"><span class="figures-value"><span class="figures-num${typeof shown === 'number' ? '' : ' figures-num--word'}">${esc(shownText(lang, shown))}</span>${bar(shown, max)}</span></td>`;

function tableHtml(lang: Locale, table: FigureTable, total: Shown): string {
  const all = table.groups.flatMap((g) => g.rows);
  if (!all.length) return '';
  const max = Math.max(0, ...all.map((r) => (typeof r.shown === 'number' ? r.shown : 0)));
  const id = `angka-${table.name}`;
  const body = table.groups
    .map(
      (g) =>
        `<tbody>${g.heading ? `<tr><th scope="rowgroup" colspan="2" class="figures-group">${esc(g.heading)}</th></tr>` : ''}` +
        g.rows.map((r) => `<tr><th scope="row">${esc(r.label)}</th>${cell(lang, r.shown, max)}</tr>`).join('') +
        `</tbody>`,
    )
    .join('');
  const foot = table.totalRow
    ? `<tfoot><tr><th scope="row">${esc(t(lang, 'figures.sum'))}</th><td class="figures-cell"><span class="figures-value"><span class="figures-num">${esc(shownText(lang, total))}</span></span></td></tr></tfoot>`
    : '';
  const note = table.name === 'destinations' ? `<p class="hint">${esc(t(lang, 'figures.destinations.note'))}</p>` : '';
  return (
    `<section class="figures-section" aria-labelledby="${id}"><h2 id="${id}">${esc(t(lang, `figures.table.${table.name}`))}</h2>${note}` +
    `<table class="figures-table" aria-labelledby="${id}"><thead><tr><th scope="col">${esc(t(lang, `figures.column.${table.name}`))}</th>` +
    `<th scope="col">${esc(t(lang, 'figures.column.count'))}</th></tr></thead>${body}${foot}</table></section>`
  );
}

/** What each stage means: the stage texts themselves, titles and meanings, in the road's order. */
function meanings(lang: Locale, lists: FigureLists): string {
  const items = lists.stages.map((s) => `<div><dt>${esc(s.title[lang])}</dt><dd>${esc(s.meaning[lang])}</dd></div>`).join('');
  return `<section class="figures-section" aria-labelledby="angka-arti"><h2 id="angka-arti">${esc(t(lang, 'figures.meanings'))}</h2><dl class="road-ended">${items}</dl></section>`;
}

/**
 * The part of the page that changes daily: when the figures were computed, the total, every table and
 * the CSV link — or, before the first computation, a sentence saying there are none yet. The stage
 * meanings close it either way.
 */
export function figuresRegion(lang: Locale, doc: FiguresDoc | undefined, lists: FigureLists): string {
  if (!doc) return `<p class="figures-none">${esc(t(lang, 'figures.none'))}</p>${meanings(lang, lists)}`;
  const tables = figureTables(lang, doc, lists);
  const [stages, ...rest] = tables.map((table) => tableHtml(lang, table, doc.total));
  const iso = doc.computedAt;
  return (
    `<p class="figures-asof">${esc(t(lang, 'figures.asOf'))} <time datetime="${esc(iso)}">${esc(computedAtWords(lang, doc))}</time>.</p>` +
    `<p class="hint">${esc(t(lang, 'figures.scope'))}</p>` +
    `<dl class="figures-total"><dt>${esc(t(lang, 'figures.total'))}</dt><dd>${esc(shownText(lang, doc.total))}</dd></dl>` +
    `<p>${esc(t(lang, 'figures.rule'))}</p>` +
    stages +
    meanings(lang, lists) +
    rest.join('') +
    `<p><a class="button" href="${esc(figuresCsvPath(lang))}" download>${esc(t(lang, 'figures.csv'))}</a></p>`
  );
}

/** The day's figures in the page the build made (between the region's markers), or the page as built. */
export function fillFiguresRegion(page: string, region: string): string {
  const start = page.indexOf(FIGURES_REGION.start);
  const end = page.indexOf(FIGURES_REGION.end);
  if (start < 0 || end < start) return page;
  return page.slice(0, start + FIGURES_REGION.start.length) + region + page.slice(end);
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The same figures as CSV (RFC 4180, with a BOM so spreadsheets read UTF-8): one row per table row —
 * table, row, count as the page shows it (a plain number, or "kurang dari 10"/"disembunyikan") and
 * when it was computed — the total first.
 */
export function figuresCsv(lang: Locale, doc: FiguresDoc, lists: FigureLists): string {
  const when = computedAtWords(lang, doc);
  const plain = (shown: Shown) => (typeof shown === 'number' ? String(shown) : shownText(lang, shown));
  const header = (['figures.csv.table', 'figures.csv.category', 'figures.csv.count', 'figures.csv.computedAt'] as MessageKey[]).map((k) =>
    t(lang, k),
  );
  const rows = [header, [t(lang, 'figures.total'), t(lang, 'figures.sum'), plain(doc.total), when]];
  for (const table of figureTables(lang, doc, lists)) {
    const name = t(lang, `figures.table.${table.name}`);
    for (const row of table.groups.flatMap((g) => g.rows)) rows.push([name, row.label, plain(row.shown), when]);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
