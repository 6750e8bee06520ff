// The staff guide's pictures (docs/cms/*.png), taken from the real CMS: the built /admin in Chromium,
// decap-server writing to a throw-away copy of the project, so this checkout's content is untouched.
// Usage: npm run build && npm run docs:screenshots
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { adminCsp } from '../src/cms/admin-csp';
import { launchBrowser } from './browser';
import { decapServerReady, startDecapServer } from './decap-server';
import { copyProject } from './project-copy';
import { serveSite } from './static-server';

const out = 'docs/cms';
await mkdir(out, { recursive: true });
const project = await copyProject('cms-docs-');
// A made-up company in the copy only, so the vacancy form's company list has something to show.
const fictional = `---\nname: PT Contoh Fiktif (bukan perusahaan sungguhan)\nlicenceNumber: CONTOH-0000\nlicenceIssued: 2026-01-05\nlicenceValidUntil: 2031-01-04\nheadOffice: Jl. Contoh No. 1, Kota Fiktif\nstatus: aktif\nsource: https://contoh.invalid/p3mi\ncheckedOn: 2026-11-30\n---\n`;
for (const lang of ['id', 'en']) {
  await mkdir(join(project, 'content/companies', lang), { recursive: true });
  await writeFile(join(project, 'content/companies', lang, 'pt-contoh-fiktif.md'), fictional);
}
const decap = startDecapServer(project);
await decapServerReady();
// As `npm start` serves /admin: its policy also lets the page reach decap-server on localhost.
const site = await serveSite(
  'dist',
  {},
  { adjustHeaders: (path, h) => (path.startsWith('/admin') ? { ...h, 'Content-Security-Policy': adminCsp({ localBackend: true }) } : h) },
);
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' })).newPage();
const base = `${site.url.replace('127.0.0.1', 'localhost')}/admin/`;
const shot = async (name: string) => {
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
};
const open = async (hash: string, loaded: string) => {
  await page.goto(`${base}#${hash}`);
  await page.reload();
  await page.getByText(loaded, { exact: false }).first().waitFor();
};

try {
  await page.goto(base);
  await page.getByRole('button', { name: 'Masuk' }).waitFor();
  await shot('01-masuk');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByText('Negara tujuan').first().waitFor();
  await open('/collections/destinations', 'Jepang');
  await shot('02-daftar-negara-tujuan');
  await open('/collections/destinations/entries/jepang', 'Pelatihan bahasa diberikan');
  await page.getByLabel('Ringkasan').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Contoh perubahan.');
  await shot('03-ubah-negara-tujuan');
  await page
    .getByTitle(/preview/i)
    .first()
    .click()
    .catch(() => {});
  await shot('03b-pratinjau');
  await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
  await page.getByText('Terbitkan sekarang').waitFor();
  await shot('04-terbitkan');
  await page.keyboard.press('Escape');
  await open('/collections/settings/entries/site', 'Pendaftaran minat sedang ditutup');
  await shot('05-buka-tutup-pendaftaran');
  await open('/collections/destinations/new', 'Nama negara atau kawasan');
  await shot('06-tambah-negara-tujuan');
  // The company register: a new company from its licence, a temporary stop, a vacancy naming its company.
  await open('/collections/companies/new', 'Nama perusahaan');
  await shot('07-tambah-perusahaan');
  await page.getByText('Status izin', { exact: false }).first().scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 250);
  await shot('08-status-perusahaan');
  await open('/collections/vacancies/new', 'Perusahaan penempatan (P3MI)');
  await page.getByText('Perusahaan penempatan (P3MI)', { exact: false }).first().scrollIntoViewIfNeeded();
  await shot('09-lowongan-pilih-perusahaan');
} finally {
  await browser.close();
  await site.close();
  decap.kill();
  await rm(project, { recursive: true, force: true });
}
