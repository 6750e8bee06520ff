import { readFile } from 'node:fs/promises';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser } from '../../tools/browser';
import { serveSite } from '../../tools/static-server';
import { axeViolations } from '../support/axe';
import { pdfPages, readQr } from '../support/qr';

// The program's printable poster, in both languages: one A4 page in Chromium's PDF, a QR code that
// decodes to the home page's public address, "free — never pay a broker", no script, linked from home.

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

const canonical = async (file: string) => /<link rel="canonical" href="([^"]+)"/.exec(await readFile(file, 'utf8'))![1];

describe.each([
  ['id', '/', '/poster/', 'dist/index.html', /GRATIS bagi warga Kota Serang\. Jangan pernah membayar calo/],
  ['en', '/en/', '/en/poster/', 'dist/en/index.html', /FREE for residents of Kota Serang\. Never pay a broker/],
])('the program poster (%s)', (_lang, home, path, homeFile, free) => {
  it('prints on one A4 page, its QR code opens the home page, and the home page links to it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 794, height: 1123 } })).newPage();
    await page.goto(site.url + home);
    await page.locator(`a[href="${path}"]`).click();
    await page.waitForURL(`**${path}`);
    expect(await page.locator('main').innerText()).toMatch(free);
    expect(await page.locator('script').count()).toBe(0);
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
    expect(await readQr(page, '.poster__qr svg')).toBe(await canonical(homeFile));
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('posters stay out of the sitemap', () => {
  it('as print material, not pages', async () => {
    expect(await readFile('dist/sitemap-0.xml', 'utf8')).not.toContain('/poster/');
  });
});
