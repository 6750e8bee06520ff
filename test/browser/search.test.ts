import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, viewports } from '../../tools/browser';
import { serveSite } from '../../tools/static-server';
import { axeViolations } from '../support/axe';

// Pagefind over the built site, in the page's language, under the site's CSP.

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
    ['/cari/', 'pelatihan', /\/pelatihan-dan-biaya\//, viewports.phone],
    ['/en/search/', 'training', /\/en\/[^"]*training/, viewports.desktop],
  ])('%s finds pages of its own language', async (path, query, expected, viewport) => {
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
      hrefs.some((h) => expected.test(h)),
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
