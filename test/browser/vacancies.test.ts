import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { type HTMLElement, parse } from 'node-html-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { triggerRebuild } from '../../netlify/functions/rebuild-daily';
import { checkContent } from '../../src/content/check';
import { t } from '../../src/i18n';
import { todayInSerang } from '../../src/shared/serang-time';
import { launchBrowser, viewports } from '../../tools/browser';
import { registerItems } from '../../tools/launch-check';
import { SYNTHETIC_FACTS } from '../../tools/launch-facts';
import { person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { drainAll } from '../support/delivery';
import { enhanced, fillRegistration } from '../support/fill-form';
import { editSettings, fixtureProjectCopy } from '../support/fixture-content';
import { fixtureProject } from '../support/fixture-site';
import { pdfPages, readQr } from '../support/qr';

// Vacancies exist only in this test's copy of the project (the site publishes none until staff add
// real ones): one whose SIP ended yesterday, one valid until tomorrow, built like production. The copy
// has the tests' content with what staff do on launch day: the launch facts filled (tools/launch-facts.ts),
// the minimum age raised, the program status cleared; the fixture site (the same content, facts empty)
// is the "before" each of those is compared with.

const run = promisify(execFile);
const shift = (days: number) => new Date(Date.parse(`${todayInSerang()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const vacancy = (over: Record<string, string>) => `---
position: ${over.position}
destination: ${over.destination}
sector: ${over.sector}
company: ${over.company ?? 'pt-contoh-aktif'}
sipNumber: ${over.sip}
sipValidUntil: ${over.until}
requirements:
  - Lulus SMA atau sederajat
updated: ${todayInSerang()}
---

Contoh lowongan untuk pengujian.
`;
const expired = {
  position: 'Perawat lansia kedaluwarsa',
  destination: 'korea-selatan',
  sector: 'perawatan',
  sip: 'SIP-UJI-LAMA',
  until: shift(-1),
};
const valid = { position: 'Operator pabrik uji', destination: 'jepang', sector: 'manufaktur', sip: 'SIP-UJI-BARU', until: shift(1) };

// The register: synthetic companies, one in every standing, each with a vacancy whose own SIP is valid.
const company = (name: string, over: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    name,
    licenceNumber: `SIP3MI-UJI-${name.length}`,
    licenceIssued: shift(-400),
    licenceValidUntil: shift(300),
    headOffice: 'Jl. Contoh No. 1, Kota Fiktif',
    status: 'aktif',
    source: 'https://contoh.invalid/p3mi/uji',
    checkedOn: shift(-10),
    ...over,
  };
  return `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\nbranches:\n  - city: Kota Serang\n    address: Jl. Contoh No. 2\n---\n`;
};
const companies: Record<string, string> = {
  'pt-contoh-aktif': company('PT Contoh Aktif'),
  'pt-contoh-skors': company('PT Contoh Skors', {
    status: 'dihentikan-sementara',
    stoppedFrom: shift(-20),
    stoppedUntil: shift(70),
    stoppedDecree: 'KEP-UJI/7/2026',
    stoppedScope: 'sebagian',
  }),
  'pt-contoh-cabut': company('PT Contoh Cabut', { status: 'dicabut', revokedOn: shift(-5), revokedDecree: 'KEP-UJI/9/2026' }),
  'pt-contoh-habis': company('PT Contoh Habis', { licenceValidUntil: shift(-1), checkedOn: shift(-120) }),
};
const hiddenByCompany = ['pt-contoh-skors', 'pt-contoh-cabut', 'pt-contoh-habis'].map((c, i) => ({
  key: `lowongan-${c}`,
  position: `Lowongan perusahaan ${c}`,
  destination: 'jepang',
  sector: 'manufaktur',
  sip: `SIP-UJI-P${i}`,
  until: shift(30),
  company: c,
}));

let project: string;
let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let browser: Browser;
const dist = () => join(project, 'dist');

beforeAll(async () => {
  project = await fixtureProjectCopy('vacancies-', 'filled');
  for (const lang of ['id', 'en']) {
    await mkdir(join(project, 'content/vacancies', lang), { recursive: true });
    await writeFile(join(project, 'content/vacancies', lang, 'perawat-lama.md'), vacancy(expired));
    await writeFile(join(project, 'content/vacancies', lang, 'operator-baru.md'), vacancy(valid));
    for (const v of hiddenByCompany) await writeFile(join(project, 'content/vacancies', lang, `${v.key}.md`), vacancy(v));
    await mkdir(join(project, 'content/companies', lang), { recursive: true });
    for (const [key, text] of Object.entries(companies)) await writeFile(join(project, 'content/companies', lang, `${key}.md`), text);
  }
  // A staff member raises the minimum age, which the home page and the form's hint must follow, and
  // clears the program status.
  await editSettings(join(project, 'content'), (s) => {
    s.registration.rules.minAge = 19;
    s.programStatus = { text: { id: '', en: '' }, updated: '' };
  });
  await run('npm', ['run', '--silent', 'build'], { cwd: project });
  env = await startRegistrationEnv({ project });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('vacancy expiry at build time', () => {
  it('a vacancy whose SIP ended yesterday is absent everywhere', async () => {
    expect(existsSync(join(dist(), 'lowongan/perawat-lama'))).toBe(false);
    expect(existsSync(join(dist(), 'en/vacancies/perawat-lama'))).toBe(false);
    expect(existsSync(join(dist(), 'lowongan/tujuan/korea-selatan'))).toBe(false);
    const list = await readFile(join(dist(), 'lowongan/index.html'), 'utf8');
    expect(list).not.toContain(expired.position);
    expect(list).not.toContain(expired.sip);
    expect(await readFile(join(dist(), 'sitemap-0.xml'), 'utf8')).not.toContain('perawat-lama');
  });

  it('a vacancy valid until tomorrow is listed, filtered and has its page', async () => {
    const list = await readFile(join(dist(), 'lowongan/index.html'), 'utf8');
    expect(list).toContain(valid.position);
    for (const filter of ['lowongan/tujuan/jepang', 'lowongan/bidang/manufaktur', 'en/vacancies/destination/jepang']) {
      expect(await readFile(join(dist(), filter, 'index.html'), 'utf8'), filter).toContain(valid.position);
    }
    const page = await readFile(join(dist(), 'lowongan/operator-baru/index.html'), 'utf8');
    expect(page).toContain(valid.sip);
    expect(page).toContain('SISKOP2MI');
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });
});

async function open(path: string, js: boolean, viewport: { width: number; height: number } = viewports.phone): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(env.site.url + path);
  if (js && /\/(daftar|register)\//.test(path)) await enhanced(page);
  return page;
}

describe('in Chromium', () => {
  it("the vacancy's poster: linked from its page, one A4 page with its SIP number, its QR code opens the vacancy", async () => {
    const page = await open('/lowongan/operator-baru/', false, { width: 794, height: 1123 });
    await page.getByRole('link', { name: 'Cetak poster lowongan ini (A4)' }).click();
    await page.waitForURL('**/lowongan/operator-baru/poster/');
    const text = await page.locator('main').innerText();
    expect(text).toContain(valid.position);
    expect(text).toContain(valid.sip);
    expect(text).toMatch(/GRATIS bagi warga Kota Serang\. Jangan pernah membayar calo/);
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
    const vacancyUrl = /<link rel="canonical" href="([^"]+)"/.exec(
      await readFile(join(dist(), 'lowongan/operator-baru/index.html'), 'utf8'),
    )![1];
    expect(await readQr(page, '.poster__qr svg')).toBe(vacancyUrl);
    // For people to look at: the poster as it prints.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'test-results/screenshots/poster-vacancy-print.png', fullPage: true });
    await page.context().close();
  });

  it.each([true, false])('"Daftar untuk lowongan ini" opens the form with destination and sector chosen (JavaScript %s)', async (js) => {
    const page = await open('/lowongan/operator-baru/', js);
    await page.getByRole('link', { name: 'Daftar untuk lowongan ini' }).click();
    expect(await page.isChecked('input[name=destinations][value="jepang"]')).toBe(true);
    expect(await page.locator('#f-sector').inputValue()).toBe('manufaktur');
    await expect.poll(() => page.getByText(valid.sip, { exact: false }).count()).toBeGreaterThan(0);
    const p = person();
    await fillRegistration(page, p, { chosen: true });
    await page.click('button[type=submit]');
    if (js) await page.locator('.review').getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await page.locator('#reference').waitFor();
    const ref = (await page.locator('#reference').textContent())?.trim() ?? '';
    // The record carries the vacancy's destination and sector, as chosen for the person.
    const stored = await waitForRecord(ref);
    expect(stored?.fields['Negara tujuan']).toEqual(['Jepang']);
    // …and which vacancy it was, by key and SIP number, for staff.
    expect(stored?.fields.Lowongan).toBe(`operator-baru (SIP ${valid.sip})`);
    await page.context().close();
  });

  it.each([
    [viewports.phone, '/lowongan/'],
    [viewports.desktop, '/lowongan/operator-baru/'],
    [viewports.phone, '/lowongan/operator-baru/'],
    [viewports.desktop, '/en/vacancies/sector/manufaktur/'],
    [viewports.phone, '/cek-kelayakan/'],
  ])('axe finds nothing (%o %s)', async (viewport, path) => {
    const page = await open(path, true, viewport);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/vacancies-${viewport.width}${path.replace(/\//g, '_')}.png`, fullPage: true });
    await page.context().close();
  });
});

async function waitForRecord(ref: string) {
  await drainAll();
  for (let i = 0; i < 50; i++) {
    const r = (await env.records()).find((x) => x.fields.Referensi === ref);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  return undefined;
}

describe('the register of placement companies', () => {
  it('a company stopped, revoked or out of licence takes its vacancies off the site, and the checks say why', async () => {
    for (const v of hiddenByCompany) {
      expect(existsSync(join(dist(), 'lowongan', v.key)), v.key).toBe(false);
      expect(await readFile(join(dist(), 'lowongan/index.html'), 'utf8')).not.toContain(v.sip);
    }
    expect(existsSync(join(dist(), 'lowongan/operator-baru'))).toBe(true);
    const report = await checkContent(join(project, 'content'));
    expect(report.problems).toEqual([]);
    const why = Object.fromEntries(
      report.notes.filter((n) => n.field === '(tampil di situs)').map((n) => [n.file.split('/').pop(), n.message]),
    );
    expect(why).toMatchObject({
      'lowongan-pt-contoh-skors.md': 'tidak tampil: perusahaannya sedang dihentikan sementara',
      'lowongan-pt-contoh-cabut.md': 'tidak tampil: izin perusahaannya dicabut',
      'lowongan-pt-contoh-habis.md': 'tidak tampil: izin SIP3MI perusahaannya sudah berakhir',
      'perawat-lama.md': 'tidak tampil: SIP lowongan sudah berakhir',
    });
    const launch = await registerItems(join(project, 'content'));
    expect(launch.map((i) => i.what).join('\n')).toMatch(/pt-contoh-habis\.md: terakhir diperiksa lebih dari 90 hari/);
    expect(launch.filter((i) => i.what.startsWith('Lowongan'))).toHaveLength(4);
  });

  it('the list in both languages: sorted by name, licence beside it, status in words, the stale check muted; a page per company', async () => {
    const page = await open('/perusahaan/', false);
    const items = await page.locator('.company-list li').allInnerTexts();
    expect(items.map((t) => t.split('\n')[0])).toEqual(['PT Contoh Aktif', 'PT Contoh Cabut', 'PT Contoh Habis', 'PT Contoh Skors']);
    expect(items[0]).toContain('SIP3MI SIP3MI-UJI-');
    expect(items[0]).toContain('Aktif');
    expect(items[1]).toContain('Izin dicabut');
    expect(items[2]).toContain('Izin sudah berakhir');
    expect(items[2]).toContain('lebih dari 90 hari');
    expect(items[3]).toContain('Dihentikan sementara');
    expect(await page.locator('main').innerText()).toContain('bukan berarti perusahaan itu ilegal');
    await page.locator('.company-list a', { hasText: 'PT Contoh Skors' }).click();
    await page.waitForURL('**/perusahaan/pt-contoh-skors/');
    const text = await page.locator('main').innerText();
    expect(text).toContain('KEP-UJI/7/2026');
    // The scope opens the sentence, capitalised, and being listed is said to mean a checked licence only.
    expect(text).toMatch(
      /^Sebagian kegiatan perusahaan ini dihentikan sementara dari .+ sampai .+ berdasarkan keputusan nomor KEP-UJI\/7\/2026\.$/m,
    );
    expect(text).toContain(t('id', 'companies.listed'));
    expect(text).toContain('tidak ditampilkan');
    await page.context().close();
    const en = await open('/en/companies/', false);
    expect(await en.locator('.company-list li').first().innerText()).toContain('Active');
    expect(await en.locator('main').innerText()).toContain('does not mean a company is illegal');
    await en.context().close();
  });

  it('the active company’s page lists its vacancy; the vacancy page and its poster name the company and link to it', async () => {
    const company = await readFile(join(dist(), 'perusahaan/pt-contoh-aktif/index.html'), 'utf8');
    expect(company).toContain('/lowongan/operator-baru/');
    expect(company).toContain('"@type":"Organization"');
    expect(company).toContain('"propertyID":"SIP3MI"');
    const vacancyPage = await readFile(join(dist(), 'lowongan/operator-baru/index.html'), 'utf8');
    expect(vacancyPage).toContain('href="/perusahaan/pt-contoh-aktif/"');
    expect(vacancyPage).toContain('PT Contoh Aktif');
    expect(await readFile(join(dist(), 'lowongan/operator-baru/poster/index.html'), 'utf8')).toMatch(
      /PT Contoh Aktif — https?:\/\/[^<]*\/perusahaan\/pt-contoh-aktif\//,
    );
    expect(await readFile(join(dist(), 'sitemap-0.xml'), 'utf8')).toContain('/perusahaan/pt-contoh-cabut/');
    for (const path of ['index.html', 'tanya-jawab/index.html', 'waspada-penipuan/index.html'])
      expect(await readFile(join(dist(), path), 'utf8'), path).toContain('href="/perusahaan/"');
  });

  it.each([
    [viewports.phone, '/perusahaan/', true],
    [viewports.phone, '/perusahaan/', false],
    [viewports.desktop, '/perusahaan/', true],
    [viewports.phone, '/perusahaan/pt-contoh-skors/', true],
    [viewports.desktop, '/perusahaan/pt-contoh-skors/', true],
    [viewports.phone, '/en/companies/', true],
    [viewports.desktop, '/en/companies/pt-contoh-aktif/', true],
    [viewports.phone, '/en/companies/pt-contoh-aktif/', false],
  ])('%o %s, JavaScript %s: axe finds nothing (with it); everything reads (without it)', async (viewport, path, js) => {
    const page = await open(path, js, viewport);
    expect(await page.locator('h1').innerText()).not.toBe('');
    expect(await page.locator('main').innerText()).toMatch(/SIP3MI/);
    // axe runs as a page script: with JavaScript off the page is checked for its content only.
    if (js) expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/companies-${viewport.width}${path.replace(/\//g, '_')}.png`, fullPage: true });
    await page.context().close();
  });
});

describe('W3C-valid HTML', () => {
  it('the register’s pages pass the Nu HTML Checker (vnu-jar)', async () => {
    const files = [
      'perusahaan/index.html',
      'perusahaan/pt-contoh-skors/index.html',
      'perusahaan/pt-contoh-cabut/index.html',
      'en/companies/index.html',
      'en/companies/pt-contoh-aktif/index.html',
      'lowongan/operator-baru/index.html',
    ].map((f) => join(dist(), f));
    const result = await run('java', [
      '-jar',
      'node_modules/vnu-jar/build/dist/vnu.jar',
      '--errors-only',
      '--format',
      'json',
      ...files,
    ]).then(
      (r) => r.stderr,
      (e: { stderr: string }) => e.stderr,
    );
    const messages = (JSON.parse(result || '{"messages":[]}') as { messages: { type: string; message: string; url: string }[] }).messages;
    expect(messages.filter((m) => m.type === 'error').map((m) => `${m.url.split('/dist/')[1]}: ${m.message}`)).toEqual([]);
  }, 120_000);
});

/** A built page of the fixture site: the tests' content with the launch facts empty, as before launch. */
const before = async (file: string) => readFile(join(fixtureProject(), 'dist', file), 'utf8');
const main = (html: string) => parse(html).querySelector('main')!;
/** Links that call, write or message someone (a WhatsApp share link has no number: not one of them). */
const contactLinks = (el: HTMLElement) =>
  el.querySelectorAll('a[href^="tel:"], a[href^="mailto:"], a[href^="https://wa.me/6"]').map((a) => a.getAttribute('href'));

describe('the anti-broker page', () => {
  it('shows the national complaint channels only once staff have filled them in', async () => {
    const { hotline, whatsapp, website } = SYNTHETIC_FACTS.reporting;
    const filled = main(await readFile(join(dist(), 'waspada-penipuan/index.html'), 'utf8'));
    expect(filled.querySelector(`a[href="tel:${hotline.replace(/\D/g, '')}"]`)?.text).toBe(hotline);
    expect(filled.querySelector(`a[href="https://wa.me/62${whatsapp.replace(/\D/g, '').slice(1)}"]`)?.text).toBe(whatsapp);
    expect(filled.querySelector(`a[href="${website}"]`)).not.toBeNull();
    expect(filled.text).not.toContain(t('id', 'report.none'));
    const empty = main(await before('waspada-penipuan/index.html'));
    expect(contactLinks(empty)).toEqual([]);
    expect(empty.text).toContain(t('id', 'report.title'));
    expect(empty.text).toContain(t('id', 'report.none'));
  });
});

describe('the launch facts (settings → contact, privacy)', () => {
  it.each([
    ['id', 'kontak/index.html'],
    ['en', 'en/contact/index.html'],
  ] as const)(
    '(%s) the help contacts appear on the contact page and in its footer once filled; before, the page says they are not listed yet',
    async (lang, file) => {
      const { phone, whatsapp, email, address } = SYNTHETIC_FACTS.contact;
      for (const html of [
        main(await readFile(join(dist(), file), 'utf8')),
        parse(await readFile(join(dist(), file), 'utf8')).querySelector('footer')!,
      ]) {
        expect(html.querySelector(`a[href="tel:${phone.replace(/\D/g, '')}"]`)?.text).toBe(phone);
        expect(html.querySelector(`a[href="https://wa.me/62${whatsapp.replace(/\D/g, '').slice(1)}"]`)?.text).toBe(whatsapp);
        expect(html.querySelector(`a[href="mailto:${email}"]`)?.text).toBe(email);
        expect(html.text).toContain(address);
        expect(html.text).not.toContain(t(lang, 'contact.none'));
      }
      // Filled: only checked numbers are listed and no other number is official; "call back on a number
      // this site lists" in the official-caller block. Empty: none is listed yet, ask at the office.
      // (Read from the components' own elements: the page's text above them is staff's.)
      const filled = main(await readFile(join(dist(), file), 'utf8'));
      expect(filled.querySelector('.contact-only')?.text.trim()).toBe(`${t(lang, 'contact.checked')} ${t(lang, 'contact.listed')}`);
      expect(filled.querySelector('.contact-none')).toBeNull();
      expect(filled.querySelector('.caller')?.text).toContain(t(lang, 'caller.callBack'));
      expect(filled.querySelector('.caller')?.text).not.toContain(t(lang, 'caller.askOffice'));
      const empty = parse(await before(file));
      expect(contactLinks(empty)).toEqual([]);
      const emptyMain = empty.querySelector('main')!;
      expect(emptyMain.querySelector('.contact-none')?.text.trim()).toBe(t(lang, 'contact.noneListed'));
      expect(emptyMain.querySelector('.contact-only')).toBeNull();
      expect(emptyMain.querySelector('.caller')?.text).toContain(t(lang, 'caller.askOffice'));
      expect(emptyMain.querySelector('.caller')?.text).not.toContain(t(lang, 'caller.callBack'));
      expect(empty.querySelector('footer')!.text).toContain(t(lang, 'contact.none'));
      expect(empty.querySelector('footer')!.text).not.toContain(t(lang, 'footer.helpText'));
    },
  );

  it.each([
    ['id', 'privasi/index.html'],
    ['en', 'en/privacy/index.html'],
  ] as const)(
    '(%s) the notice names the officer, the controller’s contacts, APJATI’s role and the retention once filled',
    async (lang, file) => {
      const { controller, officer, retentionMonths } = SYNTHETIC_FACTS.privacy;
      const facts = parse(await readFile(join(dist(), file), 'utf8')).querySelector('.privacy-facts')!;
      for (const value of [officer.name, officer.email, officer.phone, controller.email, controller.phone, controller.address])
        expect(facts.text).toContain(value);
      expect(facts.text).toContain(t(lang, 'privacy.facts.apjati.penerima'));
      // The rule with its months (every {months} replaced is issue #27's placeholder check, not this one's).
      expect(facts.text).toContain(t(lang, 'privacy.facts.retentionMonths', { months: retentionMonths }).split('.')[0]);
      for (const key of [
        'privacy.facts.officerNone',
        'privacy.facts.apjati.unset',
        'privacy.facts.retentionUnset',
        'privacy.facts.requestsNoContact',
      ] as const)
        expect(facts.text).not.toContain(t(lang, key));
      const empty = parse(await before(file)).querySelector('.privacy-facts')!;
      for (const key of [
        'privacy.facts.officerNone',
        'privacy.facts.apjati.unset',
        'privacy.facts.retentionUnset',
        'privacy.facts.requestsNoContact',
      ] as const)
        expect(empty.text).toContain(t(lang, key));
    },
  );
});

describe('the program now (settings → programStatus)', () => {
  it('shows what staff confirmed, with its date, on the home and timeline pages; nothing while it is empty', async () => {
    for (const [file, lang] of [
      ['index.html', 'id'],
      ['jadwal/index.html', 'id'],
      ['en/index.html', 'en'],
      ['en/timeline/index.html', 'en'],
    ] as const) {
      // The tests' content has a program status; this copy's staff cleared it.
      const filled = parse(await before(file)).querySelector('.program-status')?.text ?? '';
      expect(filled, file).toContain(
        lang === 'id' ? 'Contoh keadaan program yang dipastikan petugas' : 'An example of the program state staff confirmed',
      );
      expect(filled, file).toMatch(lang === 'id' ? /Dipastikan petugas pada 30 November 2026/ : /Confirmed by staff on 30 November 2026/);
      expect(parse(await before(file)).querySelector('.program-status-none'), file).toBeNull();
      const cleared = parse(await readFile(join(dist(), file), 'utf8'));
      expect(cleared.querySelector('.program-status'), file).toBeNull();
      // Cleared, the timeline (only) says that no selection date has been announced on the site.
      const none = cleared.querySelector('.program-status-none')?.text.trim();
      if (/jadwal|timeline/.test(file)) expect(none, file).toBe(t(lang, 'program.statusNone'));
      else expect(none, file).toBeUndefined();
    }
  });
});

describe('the vacancies published (content/vacancies)', () => {
  it('the home page says none is published yet exactly while none is, beside APJATI’s claim', async () => {
    for (const lang of ['id', 'en'] as const) {
      const file = lang === 'id' ? 'index.html' : 'en/index.html';
      const facts = (html: string) => parse(html).querySelector('.facts')!.text;
      expect(facts(await readFile(join(dist(), file), 'utf8'))).toContain(t(lang, 'home.fact.legalValue'));
      expect(facts(await readFile(join(dist(), file), 'utf8'))).not.toContain(t(lang, 'home.fact.legalNone'));
      expect(facts(await before(file))).toContain(t(lang, 'home.fact.legalNone'));
    }
  });
});

describe('the registration rules in settings', () => {
  it('are what the home page and the form say, never a copy of them', async () => {
    expect(await readFile(join(dist(), 'index.html'), 'utf8')).toContain('Usia minimal 19 tahun');
    expect(await readFile(join(dist(), 'daftar/index.html'), 'utf8')).toContain('Usia minimal 19 tahun.');
    expect(await before('index.html')).toContain('Usia minimal 18 tahun');
  });
});

describe('the daily rebuild', () => {
  it('posts to the build hook, reports a failing hook, and does nothing without one', async () => {
    const calls: string[] = [];
    let status = 200;
    const hook = createServer((req: IncomingMessage, res) => {
      calls.push(req.method ?? '');
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/build_hooks/abc`;
    try {
      expect(await triggerRebuild(url)).toBe('triggered');
      status = 500;
      expect(await triggerRebuild(url)).toBe('failed');
      expect(await triggerRebuild(undefined)).toBe('not_configured');
      expect(calls).toEqual(['POST', 'POST']);
    } finally {
      hook.close();
    }
  });
});
