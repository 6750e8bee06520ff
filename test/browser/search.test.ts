import { readFile } from 'node:fs/promises';

import { parse } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sectionPath } from '../../src/content/paths';
import type { Locale } from '../../src/i18n';
import { launchBrowser, viewports } from '../../tools/browser';
import { fileForPath, sitemapPaths } from '../../tools/dist';
import { serveSite } from '../../tools/static-server';
import { axeViolations } from '../support/axe';

// Pagefind over the built site, in the page's language, under the site's CSP. What it searches for is
// read from the built site (a destination's name), so it holds whatever staff publish.

const paths = await sitemapPaths();
/** A destination page in `lang` (the first the sitemap lists) and the name it is headed with. */
async function destinationIn(lang: Locale) {
  const section = sectionPath(lang, 'destinations');
  const path = paths.find((p) => p.startsWith(section) && p !== section) ?? section;
  return {
    path,
    name: parse(await readFile(fileForPath(path), 'utf8'))
      .querySelector('h1')!
      .text.trim(),
  };
}

let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
beforeAll(async () => {
  site = await serveSite('dist');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('site search', () => {
  it.each([
    ['id', viewports.phone],
    ['en', viewports.desktop],
  ] as const)('(%s) finds pages of its own language', async (lang, viewport) => {
    const path = sectionPath(lang, 'search');
    const { path: expected, name: query } = await destinationIn(lang);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => m.type() === 'error' && refused.push(m.text()));
    await page.goto(site.url + path);
    const input = page.getByRole('searchbox').or(page.locator('.pagefind-ui__search-input')).first();
    await input.fill(query);
    const results = page.locator('.pagefind-ui__result-link');
    await results.first().waitFor();
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(
      hrefs.some((h) => new URL(h, 'http://site').pathname === expected),
      hrefs.join(' '),
    ).toBe(true);
    // Results of the other language never appear.
    expect(hrefs.every((h) => (path.startsWith('/en/') ? h.startsWith('/en/') : !h.startsWith('/en/')))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/search-${viewport.width}.png` });
    await context.close();
  });
});
