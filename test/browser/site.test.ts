import { readFile } from 'node:fs/promises';

import { parse } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sectionPath } from '../../src/content/paths';
import { launchBrowser, viewports } from '../../tools/browser';
import { fileForPath, sitemapPaths } from '../../tools/dist';
import { serveSite } from '../../tools/static-server';
import { axeViolations } from '../support/axe';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), serveSite('dist')]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, viewport: { width: number; height: number } = viewports.phone) {
  // axe and evaluate() run in the page, so script stays on; these pages ship none of their own anyway.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const response = await page.goto(site.url + path);
  return { page, context, status: response?.status() };
}

// The real site, whatever staff publish: pages are found in the sitemap, never named by a slug staff chose.
const paths = await sitemapPaths();
const destinations = sectionPath('id', 'destinations');
/** A destination's own page (the first the sitemap lists), or the destinations list if there is none. */
const destination = paths.find((p) => p.startsWith(destinations) && p !== destinations) ?? destinations;
/** The header's primary links as built (some are pages staff name). */
const primaryLinks = parse(await readFile(fileForPath('/'), 'utf8'))
  .querySelectorAll('.nav__primary a')
  .map((a) => a.text.trim());

describe('key pages at phone and desktop width', () => {
  for (const path of ['/', destination, sectionPath('id', 'faq'), '/en/']) {
    for (const [name, viewport] of Object.entries(viewports)) {
      it(`${path} at ${name} width has no axe violations and no sideways scroll`, async () => {
        const { page, context, status } = await open(path, viewport);
        expect(status).toBe(200);
        expect(await axeViolations(page)).toEqual([]);
        // Content that overflows a 360 px screen forces readers to scroll sideways (WCAG 1.4.10 Reflow).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await context.close();
      });
    }
  }
});

describe('every page in the sitemap', () => {
  it('has no axe violations', async () => {
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(site.url + path);
      found.push(...(await axeViolations(page)).map((v) => `${path} ${v}`));
    }
    expect(found).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('language switch', () => {
  it('goes to the same page in the other language and back', async () => {
    const built = parse(await readFile(fileForPath(destination), 'utf8'));
    const english = new URL(built.querySelector('link[rel="alternate"][hreflang="en"]')!.getAttribute('href')!).pathname;
    const heading = parse(await readFile(fileForPath(english), 'utf8'))
      .querySelector('h1')!
      .text.trim();
    const { page, context } = await open(destination);
    await page.getByRole('link', { name: 'English', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(english);
    expect((await page.locator('h1').textContent())?.trim()).toBe(heading);
    expect(heading).not.toBe('');
    await page.getByRole('link', { name: 'Bahasa Indonesia', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(destination);
    await context.close();
  });
});

describe('keyboard', () => {
  it.each([
    ['phone', viewports.phone, ['English', 'Menu', 'Daftar minat']],
    ['desktop', viewports.desktop, ['English', ...primaryLinks, 'Menu', 'Daftar minat']],
  ])(
    'reaches the skip link, the language switch, the menu and the main links, each with a visible focus ring (%s)',
    async (_name, viewport, expected) => {
      const { page, context } = await open('/', viewport);
      const reached: string[] = [];
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            text: el.textContent?.trim() ?? '',
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        });
        if (!focused) continue;
        expect(focused.ring, `focus ring on "${focused.text}"`).toBe(true);
        reached.push(focused.text);
      }
      expect(reached[0]).toBe('Langsung ke isi');
      expect(reached).toEqual(expect.arrayContaining(expected));
      await context.close();
    },
  );

  it('moves focus to the content with the skip link', async () => {
    const { page, context } = await open('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('isi');
    await context.close();
  });
});
