import { mkdir } from 'node:fs/promises';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { COLUMNS, INVITATION_COLUMNS as INV } from '../../src/delivery/airtable-fields';
import { t } from '../../src/i18n';
import { receiptToken } from '../../src/server/keys';
import { launchBrowser, viewports } from '../../tools/browser';
import { person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { drainAll } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';
import { pdfPages, readQr } from '../support/qr';

// Selection day in Chromium: the invitation on the receipt, the letter (one A4 page in both languages,
// its QR code read back by jsQR to the verification page with the code), the verification with and
// without JavaScript, axe on every page, and screenshots at phone and desktop width.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let browser: Browser;
let ref: string;
const SHOTS = 'test-results/invitation';

beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  const res = await fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(person({ fullName: 'Siti Contoh Rahayu' })),
  });
  ref = ((await res.json()) as { reference: string }).reference;
  await drainAll();
  // What staff fill in, long enough to be a real day's instructions.
  const row = (await env.records()).find((r) => r.fields[COLUMNS.reference] === ref)!;
  await env.editRecord(row.id, {
    [COLUMNS.status]: 'Seleksi',
    [INV.at]: '2030-01-14T02:00:00.000Z',
    [INV.place]: 'Aula Dinas Tenaga Kerja dan Transmigrasi Kota Serang, lantai 2\nJl. Contoh Raya No. 1, Cipocok Jaya, Kota Serang',
    [INV.bring]:
      'KTP asli dan fotokopinya, ijazah terakhir dan fotokopinya, pas foto 3×4 dua lembar, alat tulis, surat ini (cetak atau di ponsel)',
    [INV.contact]: 'Ibu Rina di meja seleksi (lantai 2)',
    [INV.note]: 'Datang 30 menit sebelum mulai. Berpakaian rapi dan bersepatu.',
  });
  process.env.STATUS_CACHE_MINUTES = '0';
});
afterAll(async () => {
  delete process.env.STATUS_CACHE_MINUTES;
  await browser?.close();
  await env?.close();
});

const link = (path: string) => `${env.site.url}${path}?ref=${ref}&t=${receiptToken(ref)}`;

async function shoot(page: Page, name: string) {
  for (const viewport of Object.values(viewports)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}.png`, fullPage: true });
  }
}

describe('the invitation through the personal link', () => {
  it('the receipt shows it, and axe finds nothing', async () => {
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(link('/daftar/terima-kasih/'));
    await expect(page.locator('.invitation h2').innerText()).resolves.toBe('Undangan seleksi');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'receipt');
    await context.close();
  });

  it.each(['id', 'en'] as const)(
    'the letter (%s): its QR code reads as the verification page with its code; one A4 page; axe finds nothing',
    async (lang) => {
      const context = await browser.newContext({ viewport: viewports.phone });
      const page = await context.newPage();
      await page.goto(link(lang === 'en' ? '/en/register/invitation/' : '/daftar/undangan/'));
      const code = (await page.locator('#letter-code').innerText()).replace('-', '');
      expect(await readQr(page, '.letter__qr svg')).toBe(
        `${env.site.url}${lang === 'en' ? '/en/verify-letter/' : '/cek-surat/'}?kode=${code}`,
      );
      // An invitation to selection, not an acceptance: said on the letter itself, so it cannot be sold as one.
      expect(await page.locator('.letter').innerText()).toContain(t(lang, 'letter.notHired'));
      expect(await axeViolations(page)).toEqual([]);
      expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
      await shoot(page, `letter-${lang}`);
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: `${SHOTS}/letter-${lang}-print.png`, fullPage: true });
      await context.close();
    },
  );
});

describe.each([true, false])('verifying a letter (JavaScript %s)', (js) => {
  it('scan: the code is filled in, one press says genuine; a wrong code says the letter is not valid', async () => {
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto(link('/daftar/undangan/'));
    const code = (await page.locator('#letter-code').innerText()).replace('-', '');
    await page.goto(`${env.site.url}/cek-surat/?kode=${code}`);
    expect(await page.locator('#v-code').inputValue()).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    if (js) expect(await axeViolations(page)).toEqual([]);
    if (js) await shoot(page, 'verify-form');
    await page.getByRole('button', { name: 'Periksa surat' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Surat ini asli');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Senin, 14 Januari 2030, pukul 09.00 WIB');
    expect(text).toContain('S. C. R.');
    expect(text).toContain('bukan tanda diterima kerja');
    expect(text).not.toContain(ref);
    if (js) expect(await axeViolations(page)).toEqual([]);
    if (js) await shoot(page, 'verify-genuine');

    await page.locator('a', { hasText: 'Periksa surat lain' }).click();
    await page.fill('#v-code', 'ABCDE-FGH23');
    await page.getByRole('button', { name: 'Periksa surat' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Surat ini tidak berlaku');
    if (js) expect(await axeViolations(page)).toEqual([]);
    if (js) await shoot(page, 'verify-false');
    await context.close();
  });
});
