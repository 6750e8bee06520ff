import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, viewports } from '../../tools/browser';
import { type Person, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { drainAll } from '../support/delivery';
import { enhanced, fillRegistration } from '../support/fill-form';
import { fixtureProject } from '../support/fixture-site';

let browser: Browser;
let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  [browser, env] = await Promise.all([launchBrowser(), startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() })]);
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

/** Console errors such as Content-Security-Policy refusals, per page. */
const consoleErrors = new WeakMap<Page, string[]>();

async function openForm(js: boolean, viewport: { width: number; height: number } = viewports.phone, path = '/daftar/') {
  // A fixed locale fixes the order of the date field's parts, which the keyboard test types.
  const context = await browser.newContext({ viewport, javaScriptEnabled: js, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(env.site.url + path);
  if (js) await enhanced(page);
  return { page, context };
}

const fill = (page: Page, p: Person) => fillRegistration(page, p);

const referenceOnPage = async (page: Page) => (await page.locator('#reference').textContent())?.trim() ?? '';
/** What reached Airtable once the delivery run (every minute in production) has sent what waits. */
const stored = async (reference: string) => {
  await drainAll();
  return (await env.records()).filter((r) => r.fields.Referensi === reference);
};

describe('registration without JavaScript', () => {
  it('registers through the plain form post and shows the reference', async () => {
    const { page, context } = await openForm(false);
    const p = person();
    await fill(page, p);
    await page.click('button[type=submit]');
    await page.waitForURL(/terima-kasih/);
    const reference = await referenceOnPage(page);
    expect(reference).toMatch(/^SRG-/);
    expect(await stored(reference)).toHaveLength(1);
    await context.close();
  });

  it('shows the error summary first, focused, linking to each field, and keeps the answers', async () => {
    const { page, context } = await openForm(false);
    await page.fill('#f-fullName', 'Siti Contoh');
    await page.fill('#f-nik', '12345');
    await page.click('button[type=submit]');
    await page.waitForSelector('#error-summary');
    expect(await page.title()).toMatch(/^Kesalahan: /);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#f-fullName')).toBe('Siti Contoh');
    expect(await page.inputValue('#f-nik')).toBe('12345');
    await page.click('#error-summary a[href="#f-nik"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-nik');
    expect(await page.locator('#f-nik-error').textContent()).toContain('NIK harus 16 angka');
    expect(await page.getAttribute('#f-nik', 'aria-describedby')).toContain('f-nik-error');
    await context.close();
  });

  it('can be completed with the keyboard alone', async () => {
    const { page, context } = await openForm(false);
    const p = person({ destinations: ['korea-selatan'] });
    const typeInto = async (id: string, text: string) => {
      while ((await page.evaluate(() => document.activeElement?.id)) !== id) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    };
    await page.focus('#f-fullName');
    await page.keyboard.type(p.fullName);
    await typeInto('f-nik', p.nik);
    // Birth date: day, month, year, each its own field, reached by Tab.
    const [y, m, d] = p.birthDate.split('-');
    await typeInto('f-birthDate', String(Number(d)));
    await typeInto('f-birthDate-month', String(Number(m)));
    await typeInto('f-birthDate-year', y!);
    await typeInto('f-phone', p.phone);
    await typeInto('f-district', 'Cipocok');
    await typeInto('f-education', 'SMA');
    const tabTo = async (selector: string) => {
      while (!(await page.evaluate((s) => document.activeElement?.matches(s), selector))) await page.keyboard.press('Tab');
    };
    await tabTo('input[value="korea-selatan"]');
    await page.keyboard.press('Space');
    await typeInto('f-sector', 'Manufaktur');
    await tabTo('input[name=languageLevel]');
    await page.keyboard.press('ArrowRight'); // none → basic
    await tabTo('#f-consent');
    await page.keyboard.press('Space');
    await tabTo('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/terima-kasih/);
    const reference = await referenceOnPage(page);
    expect((await stored(reference))[0]?.fields).toMatchObject({
      'Negara tujuan': ['Korea Selatan'],
      'Kemampuan bahasa': 'Dasar',
      Kecamatan: 'Cipocok Jaya',
    });
    await context.close();
  });
});

describe('registration with JavaScript', () => {
  it('asks to check the answers, sends once even when clicked twice, and shows the reference', async () => {
    const { page, context } = await openForm(true, viewports.desktop, '/daftar/?tujuan=eropa');
    expect(await page.isChecked('input[name=destinations][value=eropa]')).toBe(true);
    const p = person({ destinations: [] });
    await fill(page, p);
    await page.click('button[type=submit]');
    const review = page.locator('.review');
    await review.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('review-title');
    expect(await review.textContent()).toContain(p.nik);
    // The three birth-date fields read as one date.
    const [y, m, d] = p.birthDate.split('-');
    expect(await review.textContent()).toContain(`${Number(d)}/${Number(m)}/${y}`);
    expect(await review.textContent()).toContain('Eropa');
    expect(await axeViolations(page)).toEqual([]);
    const send = review.getByRole('button', { name: 'Kirim pendaftaran' });
    await send.dblclick();
    await page.waitForURL(/terima-kasih/);
    const reference = await referenceOnPage(page);
    expect(await stored(reference)).toHaveLength(1);
    expect((await env.records()).filter((r) => r.fields.NIK === p.nik)).toHaveLength(1);
    expect(await page.isVisible('[data-print]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // The site's CSP (no inline script or style) was in force the whole way and refused nothing.
    expect(consoleErrors.get(page)).toEqual([]);
    await context.close();
  });

  it("shows the server's errors in place, focused, and lets the person fix them", async () => {
    const { page, context } = await openForm(true);
    const p = person();
    await fill(page, { ...p, phone: '0254 123' });
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await page.waitForSelector('#error-summary');
    expect(new URL(page.url()).pathname).toBe('/daftar/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator('#error-summary').textContent()).toContain('Masukkan nomor HP Indonesia');
    // axe cannot run with script off, so the server-rendered error state is checked here.
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#f-phone', p.phone);
    await page.click('button[type=submit]');
    expect(await page.locator('#error-summary').count()).toBe(0); // stale once the answers changed
    await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await page.waitForURL(/terima-kasih/);
    expect(await stored(await referenceOnPage(page))).toHaveLength(1);
    await context.close();
  });

  it('fetches its script only once the first contentful paint is on the screen, however late that is', async () => {
    // Lighthouse counts a file that arrived before the first paint's pixels as needed for it: fetched one
    // frame after the load event, the script made this page's 2G LCP jump by a round trip on a busy machine.
    // Here the page's text appears only 400 ms after the load event, frames being drawn meanwhile.
    const form = await (await fetch(env.site.url + '/daftar/')).text();
    const loader = /<script type="module">([^<]*)<\/script>/.exec(form)![1]!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/late-paint/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>late</title><p hidden>Teks</p><script type="module">${loader}</script><script>addEventListener("load",()=>setTimeout(()=>{document.querySelector("p").hidden=false},400))</script>`,
      }),
    );
    await page.goto(env.site.url + '/late-paint/');
    await enhanced(page);
    const [painted, fetched] = await page.evaluate(() => [
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      performance.getEntriesByType('resource').find((e) => e.name.includes('/_own/register-form.'))?.startTime ?? NaN,
    ]);
    expect(painted).toBeGreaterThan(0);
    expect(fetched).toBeGreaterThan(painted);
    await context.close();
  });

  it('keeps the answers when the connection drops, and says so', async () => {
    const { page, context } = await openForm(true);
    await fill(page, person());
    await page.route('**/api/register', (route) => route.abort('internetdisconnected'));
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await expect.poll(() => page.locator('.status').textContent()).toContain('Koneksi terputus');
    expect(await page.inputValue('#f-fullName')).toBe('Siti Contoh Rahayu');
    await context.close();
  });
});

describe('form page', () => {
  for (const [name, viewport] of Object.entries(viewports)) {
    it(`has no axe violations and fits the screen at ${name} width`, async () => {
      const { page, context } = await openForm(true, viewport, '/en/register/');
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});
