import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { COLUMNS } from '../../src/delivery/airtable-fields';
import { t } from '../../src/i18n';
import { receiptToken } from '../../src/server/keys';
import { launchBrowser, viewports } from '../../tools/browser';
import { clientAddress, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { drainAll } from '../support/delivery';
import { enhanced, fillDate, fillRegistration } from '../support/fill-form';
import { fixtureProject } from '../support/fixture-site';

// The whole loop in Chromium, with and without JavaScript: register, keep the receipt, check the
// status ("received"), staff move the record in Airtable, check again after the cache window, see the
// new stage; the road-ahead page; a wrong birth date. Phone width, keyboard only where it matters.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let browser: Browser;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
  browser = await launchBrowser();
});
afterAll(async () => {
  delete process.env.STATUS_CACHE_MINUTES;
  await browser?.close();
  await env?.close();
});

/** Each visitor from an address of their own, as phones are: the check's per-client share is per address. */
const ownAddress = () => ({ 'x-nf-client-connection-ip': clientAddress() });

describe.each([true, false])('register, then check the status (JavaScript %s)', (js) => {
  it('received → staff change the status → the new stage, with the road ahead one link away', async () => {
    delete process.env.STATUS_CACHE_MINUTES;
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: js, extraHTTPHeaders: ownAddress() });
    const page = await context.newPage();
    const p = person();
    await page.goto(`${env.site.url}/daftar/`);
    if (js) await enhanced(page);
    await fillRegistration(page, p);
    await page.click('button[type=submit]');
    // With script, the answers are shown for checking first.
    if (js) await page.locator('.review').getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await page.waitForURL(/terima-kasih/);
    const ref = (await page.locator('#reference').innerText()).trim();
    if (js) expect(await axeViolations(page)).toEqual([]);

    // The receipt's link to the status check, then the form, by keyboard.
    await page.locator('a.receipt__url').click();
    await page.waitForURL(/\/cek-status\/$/);
    await page.focus('#s-reference');
    await page.keyboard.type(ref);
    await fillDate(page, 's-birthDate', p.birthDate);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/api\/cek-status/);
    expect(await page.locator('#stage-title').innerText()).toBe('Diterima, menunggu diperiksa');
    if (js) expect(await axeViolations(page)).toEqual([]);
    const text = await page.locator('main').innerText();
    for (const value of [p.fullName, p.nik, p.phone]) expect(text).not.toContain(value);

    await drainAll();
    const row = (await env.records()).find((r) => r.fields[COLUMNS.reference] === ref)!;
    await env.editRecord(row.id, { [COLUMNS.status]: 'Pelatihan bahasa' });
    process.env.STATUS_CACHE_MINUTES = '0';
    await page.goto(`${env.site.url}/cek-status/`);
    await page.fill('#s-reference', ref);
    await fillDate(page, 's-birthDate', p.birthDate);
    await page.getByRole('button', { name: 'Cek status' }).click();
    await page.waitForURL(/\/api\/cek-status/);
    expect(await page.locator('#stage-title').innerText()).toBe('Pelatihan bahasa');
    expect(await page.locator('main').innerText()).toContain('Tahap 4 dari 5');

    await page.getByRole('link', { name: /Lihat semua tahapan/ }).click();
    await page.waitForURL(/\/tahapan\/$/);
    expect(await page.locator('.road__stage h2').allInnerTexts()).toEqual([
      'Diterima, menunggu diperiksa',
      'Dihubungi petugas',
      'Mengikuti seleksi',
      'Pelatihan bahasa',
      'Siap berangkat',
    ]);
    if (js) expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('a wrong birth date: the neutral answer, and the form again with the reference kept', async () => {
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: js, extraHTTPHeaders: ownAddress() });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/en/check-status/`);
    await page.fill('#s-reference', 'SRG-ZZZZZZ');
    await fillDate(page, 's-birthDate', '1995-05-05');
    await page.getByRole('button', { name: 'Check status' }).click();
    await page.waitForURL(/\/api\/cek-status/);
    expect(await page.locator('h1').innerText()).toBe('No match found');
    expect(await page.inputValue('#s-reference')).toBe('SRG-ZZZZZZ');
    expect(await page.inputValue('#s-birthDate')).toBe('');
    if (js) expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the receipt on paper', () => {
  it("prints on one A4 page, without the site's menu", async () => {
    const ref = (
      (await (
        await fetch(`${env.site.url}/api/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(person()),
        })
      ).json()) as { reference: string }
    ).reference;
    const context = await browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/daftar/terima-kasih/?ref=${ref}&t=${receiptToken(ref)}`);
    // The number proves an arrival, nothing more: on the page, on paper and in the WhatsApp message.
    expect(await page.locator('.receipt').innerText()).toContain(t('id', 'reg.thanks.notHired'));
    const wa = new URL((await page.locator('a[href^="https://wa.me/"]').getAttribute('href'))!);
    expect(wa.searchParams.get('text')).toContain(
      `Nomor pendaftaran minat kerja luar negeri Kota Serang (bukan tanda diterima kerja): ${ref}.`,
    );
    const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nav').isVisible()).toBe(false);
    expect(await page.locator('#reference').isVisible()).toBe(true);
    // On paper: the status-check address and the personal link (the stage of the moment is left off).
    expect(await page.locator('a.receipt__url').isVisible()).toBe(true);
    expect(await page.locator('.receipt__link').isVisible()).toBe(true);
    expect(await page.locator('.stage-card').isVisible()).toBe(false);
    await context.close();
  });
});
