import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sectionPath } from '../../src/content/paths';
import { t } from '../../src/i18n';
import { launchBrowser, viewports } from '../../tools/browser';
import { sitemapPaths } from '../../tools/dist';
import { serveSite } from '../../tools/static-server';
import { axeViolations } from '../support/axe';

// The header is short enough that a phone's first screen shows the page's own heading and the start of
// its first paragraph; the menu (a <details> disclosure) opens without JavaScript and by keyboard, and
// together with the primary links reaches every section of the site.

let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
let paths: string[];
beforeAll(async () => {
  site = await serveSite('dist');
  browser = await launchBrowser();
  paths = await sitemapPaths();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the first screen at 360 px', () => {
  it("starts every page's heading within 300 px and shows the top of its first paragraph", async () => {
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    const late: string[] = [];
    for (const path of paths) {
      await page.goto(site.url + path);
      const h1 = await page.locator('main h1').first().boundingBox();
      // Whatever follows the heading: a lead paragraph, a list, a form, the privacy facts.
      const next = await page.locator('main h1 + *').first().boundingBox();
      // The heading itself starts within 300 px of a 360×740 screen (banner, header and trail above it).
      if (!h1 || h1.y > 300 || h1.y + h1.height > viewports.phone.height || (next && next.y + 24 > viewports.phone.height))
        late.push(
          `${path}: h1 starts at ${Math.round(h1?.y ?? 0)}, ends at ${Math.round((h1?.y ?? 0) + (h1?.height ?? 0))}, next starts at ${Math.round(next?.y ?? 0)}`,
        );
    }
    expect(late).toEqual([]);
    await context.close();
  });
});

describe('the menu', () => {
  it.each([false, true])('opens without JavaScript (%s: JavaScript on) and by keyboard, and reaches every section', async (js) => {
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: js });
    const page = await context.newPage();
    // A section of the site's own (its address is code, not a slug staff choose).
    const faq = sectionPath('id', 'faq');
    await page.goto(site.url + faq);
    expect(await page.locator('.nav__menu ul').isVisible()).toBe(false);
    await page.focus('.nav__menu summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('.nav__menu ul').isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.nav__menu') !== null)).toBe(true);
    const hrefs = new Set(await page.locator('.nav__menu a, .nav__cta').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
    // Every page of the site is in the menu, or one click below a page that is (an entry of a section),
    // or in the footer (the privacy notice).
    const footer = new Set(await page.locator('footer a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
    const unreachable = paths.filter(
      (p) => !p.startsWith('/en/') && !hrefs.has(p) && ![...hrefs].some((h) => h && h !== '/' && p.startsWith(h)) && !footer.has(p),
    );
    expect(unreachable).toEqual([]);
    expect(hrefs).toContain(faq);
    expect(await page.locator('.nav__menu a[aria-current=page]').innerText()).toBe(t('id', 'nav.faq'));
    if (js) expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('at desktop width: at most five primary links and "Daftar minat" in view, the menu beside them', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    await page.goto(`${site.url}/en/`);
    expect(await page.locator('.nav__primary a').count()).toBeLessThanOrEqual(5);
    expect(await page.locator('.nav__cta').isVisible()).toBe(true);
    expect(await page.locator('.nav__menu summary').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
