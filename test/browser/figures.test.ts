import { mkdir } from 'node:fs/promises';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { airtablePages } from '../../src/figures/airtable-pages';
import { figuresRun } from '../../src/figures/run';
import type { SiteData } from '../../src/site-data/types';
import { launchBrowser, viewports } from '../../tools/browser';
import { seedFigures } from '../../tools/figures-seed';
import { BASE_ID, startRegistrationEnv, TABLE } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { builtSiteDataOf, serveWithFigures } from '../support/figures-site';
import { fixtureProject } from '../support/fixture-site';

// The figures page in Chromium, both languages, phone and desktop: readable without JavaScript (tables
// whose bars repeat the numbers beside them), axe clean, no sideways scrolling on a phone, the CSV one
// link away. Screenshots go to test-results/screenshots/ for people to look at.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let browser: Browser;
let site: Awaited<ReturnType<typeof serveWithFigures>>;
let built: SiteData;
beforeAll(async () => {
  env = await startRegistrationEnv({ project: fixtureProject(), penaltyMs: 2_000 });
  built = await builtSiteDataOf(fixtureProject());
  site = await serveWithFigures(fixtureProject(), () => built);
  await seedFigures(env.standin, BASE_ID, TABLE, 3_000, built.config);
  // Runs as the schedule makes them; one stopped by a 429 is followed by the next after the penalty.
  for (let i = 0; i < 20; i++) {
    const report = await figuresRun({ nextPage: airtablePages(airtableClientFromEnv()!), lists: built.config });
    if (report.outcome === 'published') break;
    const wait = await env.standin.penaltyRemaining(BASE_ID);
    await new Promise((r) => setTimeout(r, wait));
  }
  browser = await launchBrowser();
  await mkdir('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await env?.close();
});

describe.each([
  ['id', '/angka/', 'Jumlah pendaftaran minat', 'kurang dari 10'],
  ['en', '/en/figures/', 'Registrations of interest', 'fewer than 10'],
])('the figures page (%s)', (lang, path, totalLabel, small) => {
  it.each(Object.entries(viewports))('reads without JavaScript at %s width, and fits it', async (name, viewport) => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + path);
    await expect.poll(() => page.locator('.figures-total dt').innerText()).toBe(totalLabel);
    expect(await page.locator('.figures-total dd').innerText()).toMatch(/^3[.,]000$/);
    // Each table is a table to assistive technology, named by its heading, rows named by their label.
    const stages = page.getByRole('table', {
      name: lang === 'id' ? 'Di tahap mana pendaftaran sekarang' : 'Which stage registrations are at now',
    });
    await expect.poll(() => stages.getByRole('row').count()).toBeGreaterThan(8);
    expect(await page.getByText(small).count()).toBeGreaterThan(0);
    // The bars are decoration: the number in the same cell says it.
    const bars = page.locator('svg.figures-bar');
    expect(await bars.count()).toBeGreaterThan(10);
    for (const hidden of await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-hidden')))) expect(hidden).toBe('true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: `test-results/screenshots/figures-${lang}-${name}.png`, fullPage: true });
    await context.close();
  });

  it('passes axe (WCAG 2.2 AA) and links its CSV', async () => {
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(site.url + path);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.figures a[download]').click()]);
    expect(download.suggestedFilename()).toMatch(/^(angka|figures)-\d{4}-\d{2}-\d{2}\.csv$/);
    await context.close();
  });
});
