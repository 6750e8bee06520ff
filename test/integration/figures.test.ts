import { getStore } from '@netlify/blobs';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { figuresDailyHandler } from '../../netlify/functions/figures-daily';
import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { airtablePages } from '../../src/figures/airtable-pages';
import { FIGURE_COLUMNS, type TableName } from '../../src/figures/categories';
import type { FiguresDoc } from '../../src/figures/figures-doc';
import { readPublished, readRun, saveRun } from '../../src/figures/figures-store';
import { figuresRun, type FiguresRunReport } from '../../src/figures/run';
import type { SiteData } from '../../src/site-data/types';
import { seedFigures, SMALL } from '../../tools/figures-seed';
import { BASE_ID, startRegistrationEnv, TABLE } from '../../tools/registration-env';
import { productionContext } from '../../tools/static-server';
import { builtSiteDataOf, serveWithFigures } from '../support/figures-site';
import { fixtureProject } from '../support/fixture-site';

// The daily figures end to end: the Airtable stand-in over HTTP at Airtable's real 5 requests a second
// (a 429 would show), the SDK, the shared budget in the local Blobs server, the scheduled function, and
// the page and CSV function over the fixture site, where staff published the page.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let built: SiteData;
let current: SiteData | undefined;
let site: Awaited<ReturnType<typeof serveWithFigures>>;
beforeAll(async () => {
  // Airtable's 5 a second, with a short penalty: a test that met a 429 does not silence the next for 30 s.
  env = await startRegistrationEnv({ project: fixtureProject(), penaltyMs: 2_000 });
  built = await builtSiteDataOf(fixtureProject());
  site = await serveWithFigures(fixtureProject(), () => current);
});
afterAll(async () => {
  await site?.close();
  await env?.close();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
beforeEach(async () => {
  await sleep(await env.standin.penaltyRemaining(BASE_ID));
  current = built;
  const s = getStore({ name: 'program-figures', consistency: 'strong' });
  await Promise.all([s.delete('published'), s.delete('run')]);
});

const listCalls = async () => (await env.standin.requests()).filter((r) => r.path.endsWith('/listRecords'));
const refused = async () => (await env.standin.requests()).filter((r) => r.status === 429);

/**
 * Runs as the schedule would, one after another, until the figures are published. `strict`: every run
 * must go through; otherwise a run stopped by a 429 (a loaded machine can make the in-process stand-in
 * time queued requests as a burst) is followed by the next once the penalty is over, as in production.
 */
async function runUntilPublished(options: Partial<Parameters<typeof figuresRun>[0]> = {}, { strict = false } = {}) {
  const reports: FiguresRunReport[] = [];
  for (let i = 0; i < 50; i++) {
    const report = await figuresRun({ nextPage: airtablePages(airtableClientFromEnv()!), lists: built.config, ...options });
    reports.push(report);
    if (report.outcome === 'published') return reports;
    if (!strict && report.outcome === 'failed' && report.error === 'TOO_MANY_REQUESTS 429')
      await sleep((await env.standin.penaltyRemaining(BASE_ID)) + 50);
    else expect(report.outcome, JSON.stringify(report)).toBe('unfinished');
  }
  throw new Error('not published');
}

/** One run that got through (after a 429's penalty, tried again, as the next minute's run would). */
async function runOnce(options: Partial<Parameters<typeof figuresRun>[0]> = {}) {
  for (;;) {
    const report = await figuresRun({ nextPage: airtablePages(airtableClientFromEnv()!), lists: built.config, ...options });
    if (report.outcome !== 'failed' || report.error !== 'TOO_MANY_REQUESTS 429') return report;
    await sleep((await env.standin.penaltyRemaining(BASE_ID)) + 50);
  }
}

/** The true counts, from the stand-in's rows, counted here independently of src/figures. */
async function truth(): Promise<Record<TableName, Map<string, number>>> {
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' });
  const out = { stages: new Map(), months: new Map(), districts: new Map(), sectors: new Map(), destinations: new Map() } as Record<
    TableName,
    Map<string, number>
  >;
  const add = (table: TableName, key: string) => out[table].set(key, (out[table].get(key) ?? 0) + 1);
  for (const r of await env.records()) {
    add('stages', String(r.fields[FIGURE_COLUMNS.stages] || 'Baru'));
    add('months', month.format(new Date(String(r.fields[FIGURE_COLUMNS.months]))).slice(0, 7));
    add('districts', String(r.fields[FIGURE_COLUMNS.districts] ?? ''));
    add('sectors', String(r.fields[FIGURE_COLUMNS.sectors] ?? ''));
    for (const d of new Set(r.fields[FIGURE_COLUMNS.destinations] as string[])) add('destinations', d);
  }
  return out;
}

/** Every shown number is the true count; every suppressed one is as its label says; nothing is missing. */
async function expectTrue(doc: FiguresDoc) {
  const real = await truth();
  expect(doc.total).toBe((await env.records()).length);
  for (const table of Object.keys(real) as TableName[]) {
    const cells = new Map(doc.tables[table].map((c) => [c.key, c.shown]));
    for (const key of real[table].keys()) expect(cells.has(key), `${table}: ${key}`).toBe(true);
    for (const [key, shown] of cells) {
      const n = real[table].get(key) ?? 0;
      if (typeof shown === 'number') expect(shown, `${table}: ${key}`).toBe(n);
      else if (shown === 'small') expect(n, `${table}: ${key}`).toBeLessThan(10);
      else expect(n, `${table}: ${key}`).toBeGreaterThanOrEqual(10);
    }
  }
}

describe('figures from 20,000 registrations', () => {
  it('are computed in runs of at most 40 calls, about one call per 100 records, with no 429', async () => {
    await seedFigures(env.standin, BASE_ID, TABLE, 20_000, built.config);
    const before = (await listCalls()).length;
    const refusedBefore = (await refused()).length;
    const started = Date.now();
    // At the pace the scheduled function keeps: one call every 400 ms at most, inside the shared budget.
    const reports = await runUntilPublished({}, { strict: true });
    const calls = (await listCalls()).length - before;
    expect(reports.map((r) => r.calls)).toEqual([40, 40, 40, 40, 40]);
    expect(calls).toBe(200);
    expect((await refused()).length - refusedBefore).toBe(0);
    expect(Date.now() - started).toBeGreaterThan((calls - reports.length) * 400);
    const doc = (await readPublished())!;
    await expectTrue(doc);
    // Every status and kecamatan has a row; the deliberately small ones are suppressed.
    expect(doc.tables.stages.find((c) => c.key === 'Mengundurkan diri')!.shown).toBe('small');
    expect(doc.tables.districts.find((c) => c.key === 'Taktakan')!.shown).toBe('small');
    expect(doc.tables.districts.filter((c) => c.shown === 'hidden')).toHaveLength(1);
    expect(doc.tables.months[0]!.shown).toBe('small');
    expect(doc.tables.destinations.at(-1)!.shown).toBe('small');
    // The running counts are gone once published: small counts live only while a computation runs.
    expect(await readRun()).toBeUndefined();
    expect(SMALL.taktakan).toBeLessThan(10);
  }, 300_000);
});

describe('a computation across runs', () => {
  beforeEach(async () => {
    await seedFigures(env.standin, BASE_ID, TABLE, 1_050, built.config);
  });

  it('continues where a run ran out of time, counting every record once', async () => {
    // The run's clock says its 18 s are over as soon as the first page is in.
    const pages = airtablePages(airtableClientFromEnv()!);
    let asked = 0;
    const nextPage: typeof pages = async (columns, offset) => {
      const page = await pages(columns, offset);
      asked++;
      return page;
    };
    const now = () => Date.now() + (asked ? 60_000 : 0);
    const first = await runOnce({ nextPage, now });
    expect(first).toMatchObject({ outcome: 'unfinished', calls: 1, records: 100 });
    const saved = (await readRun())!;
    expect(saved.offset).toBeTruthy();
    expect(saved.tally.records).toBe(100);
    const rest = await runUntilPublished({ maxCalls: 3 });
    expect(Math.max(...rest.map((r) => r.calls))).toBe(3);
    expect(rest.length).toBeGreaterThanOrEqual(4);
    await expectTrue((await readPublished())!);
  });

  it('starts the listing again when Airtable no longer knows the offset, and counts nothing twice', async () => {
    expect((await runOnce({ maxCalls: 3 })).outcome).toBe('unfinished');
    // Airtable's iterators time out: the saved offset is one it no longer knows (422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE).
    await saveRun({ ...(await readRun())!, offset: 'itrExpired000000/rec300' });
    const reports = await runUntilPublished();
    expect(reports[0]!.restarted).toBe(1);
    expect((await env.standin.requests()).some((r) => r.status === 422)).toBe(true);
    await expectTrue((await readPublished())!);
  });

  it('lets one run at a time work on it', async () => {
    const run = () => figuresRun({ nextPage: airtablePages(airtableClientFromEnv()!), lists: built.config, minGapMs: 0, maxCalls: 2 });
    const outcomes = (await Promise.all([run(), run()])).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'busy')).toHaveLength(1);
  });
});

describe('the scheduled function', () => {
  beforeEach(async () => {
    await seedFigures(env.standin, BASE_ID, TABLE, 250, built.config);
  });
  const tick = (siteData: SiteData | undefined, context: unknown = productionContext()) =>
    figuresDailyHandler(() => siteData)(undefined, context as never);

  it('computes nothing while the page is not published, nor on a preview', async () => {
    const before = (await listCalls()).length;
    await tick({ ...built, shells: { ...built.shells, figures: undefined } });
    await tick(built, { deploy: { context: 'deploy-preview', published: true } });
    expect((await listCalls()).length).toBe(before);
    expect(await readPublished()).toBeUndefined();
  });

  it("publishes today's figures, then costs no Airtable call until tomorrow", async () => {
    // A minute's run each (after a 429's penalty, the next one).
    for (let i = 0; i < 5 && !(await readPublished()); i++) {
      await sleep(await env.standin.penaltyRemaining(BASE_ID));
      await tick(built);
    }
    expect((await readPublished())?.total).toBe(250);
    const before = (await listCalls()).length;
    await tick(built);
    expect((await listCalls()).length).toBe(before);
  });
});

describe('the page and the CSV', () => {
  const get = (path: string) => fetch(site.url + path);
  const pageRows = (html: string) =>
    parse(html)
      .querySelectorAll('.figures table tbody tr')
      .flatMap((tr) =>
        tr.querySelector('td') ? [[tr.querySelector('th')!.text, tr.querySelector('td')!.text.replace(/[.,](?=\d{3}\b)/g, '')]] : [],
      );
  const csvRows = (csv: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(2)
      .map((line) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')))
      .map(([, label, count]) => [label, count]);

  it.each([
    ['id', '/angka/', 'Angka program'],
    ['en', '/en/figures/', 'Program figures'],
  ])(
    '(%s) shows the day’s figures without script, and its CSV says the same',
    async (_lang, path, title) => {
      await seedFigures(env.standin, BASE_ID, TABLE, 2_000, built.config);
      await runUntilPublished();
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
      const html = await res.text();
      const doc = parse(html);
      expect(doc.querySelector('h1')!.text).toBe(title);
      expect(doc.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json')).toEqual([]);
      expect(doc.querySelector('.figures-total dd')!.text).toMatch(/^2[.,]000$/);
      expect(doc.querySelector('link[rel=canonical]')!.getAttribute('href')).toMatch(new RegExp(`${path}$`));
      const link = doc.querySelector('.figures a[download]')!.getAttribute('href')!;
      const csv = await get(link);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="(angka|figures)-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = pageRows(html);
      expect(rows.length).toBeGreaterThan(25);
      expect(csvRows(await csv.text())).toEqual(rows);
    },
    120_000,
  );

  it('says there are no figures yet before the first computation, and has no CSV then', async () => {
    const res = await get('/angka/');
    expect(res.status).toBe(200);
    expect(parse(await res.text()).querySelector('.figures-none')).not.toBeNull();
    expect((await get('/angka/angka.csv')).status).toBe(404);
  });

  it("answers the site's 404 while the page is not published", async () => {
    current = { ...built, shells: { ...built.shells, figures: undefined } };
    for (const path of ['/angka/', '/en/figures/', '/angka/angka.csv']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('Halaman tidak ditemukan');
    }
  });
});
