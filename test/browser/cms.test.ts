import { type ChildProcess, execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { adminCsp } from '../../src/cms/admin-csp';
import { DECAP_PORT } from '../../src/cms/local-backend';
import { parseEntry } from '../../src/content/entry-file';
import { launchBrowser } from '../../tools/browser';
import { decapServerReady, startDecapServer } from '../../tools/decap-server';
import { person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { serveSite } from '../../tools/static-server';
import { fixtureProjectCopy } from '../support/fixture-content';

// The whole editing loop with the real pieces: Decap CMS from our build in Chromium, decap-server
// writing to a copy of the project, then that copy's content check and build, and the built pages.

const run = promisify(execFile);
let project: string;
let decap: ChildProcess;
let admin: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const entry = (source: string) => parseEntry('entry.md', source) as { data: Record<string, unknown>; body: string };
const frontmatter = (source: string) => entry(source).data;
const bodyOf = (source: string) => entry(source).body.trim();

beforeAll(async () => {
  // The tests' content (launch facts empty), not the live content/: what staff publish never moves this test.
  project = await fixtureProjectCopy('cms-e2e-');
  // Never talk to a decap-server we did not start: `npm start`'s writes to this checkout's content/.
  if (!(await portIsFree(DECAP_PORT))) throw new Error(`port ${DECAP_PORT} is in use (is npm start running?): stop it to run the CMS test`);
  decap = startDecapServer(project);
  await decapServerReady();
  // The built /admin as production serves it, headers included — except that its policy also lets the
  // page reach decap-server on localhost, as `npm start` does (production's policy never does).
  admin = await serveSite(
    'dist',
    {},
    { adjustHeaders: (path, h) => (path.startsWith('/admin') ? { ...h, 'Content-Security-Policy': adminCsp({ localBackend: true }) } : h) },
  );
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // Decap may ask "leave this page?" right after publishing (it re-marks a reloaded entry as changed
  // on a slow machine); the tests check the files on disk, so leaving is safe.
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} ${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  // The CMS only talks to decap-server when the page is on localhost.
  await page.goto(`${admin.url.replace('127.0.0.1', 'localhost')}/admin/`);
  await page.getByRole('button', { name: 'Masuk' }).click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await admin?.close();
  decap?.kill();
  if (project) await rm(project, { recursive: true, force: true });
});

/**
 * Publishes the open entry. Success is judged by the callers on disk: Decap's "saved" label can flash
 * by too fast to see on a busy machine. A refusal (e.g. a required field) fails here, with its text.
 */
async function publish() {
  await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
  await page.getByText('Terbitkan sekarang').click();
  const refusal = page.locator('.Toastify__toast--error');
  if (
    await refusal.waitFor({ timeout: 1500 }).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`CMS refused: ${await refusal.innerText()}`);
}

/**
 * Replaces all text of Decap's rich-text editor (Slate). Select-all is confirmed before typing: on a
 * busy machine Slate can take a moment to take focus, and typing then lands mid-text.
 */
async function replaceRichText(editor: Locator, text: string) {
  await editor.click();
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Control+A');
        return editor.evaluate((el) => {
          const selected = (window.getSelection()?.toString() ?? '').replace(/\s+/g, '');
          return selected.length > 0 && selected === (el.textContent ?? '').replace(/\s+/g, '');
        });
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.keyboard.insertText(text);
  await expect.poll(() => editor.innerText(), { timeout: 15_000 }).toContain(text);
}

/** Opens an entry with a fresh page load, as staff following a link would. */
async function openEntry(hash: string, loaded: string) {
  await page.goto(`${page.url().split('#')[0]}#${hash}`);
  await page.reload();
  await page.getByText(loaded, { exact: false }).first().waitFor();
}

const vacancy = { position: 'Juru las kapal', sip: 'SIP 0001/UJI/2026', until: '2099-12-31', file: 'juru-las-kapal-sip-0001-uji-2026' };
// Synthetic: no real company or licence number.
const company = { name: 'PT Contoh Fiktif Uji', licence: 'CONTOH-UJI-0001', file: 'pt-contoh-fiktif-uji' };
const typedSummary = 'Ringkasan {baru} <b>tebal</b> [siku] `kode` 🇯🇵 ✈️';
const typedBody = 'Isi baru {kurung} <tag> [siku] `kode` 😀 selesai.';

describe('editing in /admin', () => {
  it('changes a destination: the file on disk holds exactly what was typed', async () => {
    const file = join(project, 'content/destinations/id/jepang.md');
    const before = await readFile(file, 'utf8');
    await openEntry('/collections/destinations/entries/jepang', 'Pelatihan bahasa diberikan');
    const summary = page.getByLabel('Ringkasan').first();
    await summary.click();
    await page.keyboard.press('Control+A');
    // One input event, as a paste or a phone keyboard's suggestion gives: per-key typing into Slate
    // loses its place when the machine is busy.
    await page.keyboard.insertText(typedSummary);
    await replaceRichText(page.locator('[data-slate-editor="true"]').first(), typedBody);
    await publish();

    const after = await waitFor(async () => {
      const text = await readFile(file, 'utf8');
      return text !== before ? text : undefined;
    }, 'the saved file');
    const data = frontmatter(after);
    expect(data.summary).toBe(typedSummary);
    expect(data.name).toBe(frontmatter(before).name);
    // Decap escapes Markdown's own syntax; every character is still there.
    expect(bodyOf(after).replace(/\\([[\]`])/g, '$1')).toBe(typedBody);
    // The English file keeps its own text; the duplicated fields stay equal.
    const en = frontmatter(await readFile(join(project, 'content/destinations/en/jepang.md'), 'utf8'));
    expect(en.name).toBe('Japan');
    expect(en.order).toBe(data.order);
  }, 60_000);

  it('adds a company from its licence: the register entry is written as typed', async () => {
    await openEntry('/collections/companies/new', 'Nama perusahaan');
    await page.getByLabel('Nama perusahaan').first().fill(company.name);
    await page.getByLabel('Nomor izin SIP3MI').first().fill(company.licence);
    await page.getByLabel('Izin terbit').first().fill('2026-01-05');
    await page.getByLabel('Izin berlaku sampai').first().fill('2031-01-04');
    await page.getByLabel('Alamat kantor pusat').first().fill('Jl. Contoh No. 1, Kota Fiktif');
    await page.getByLabel('Status izin').first().click();
    await page.keyboard.insertText('Aktif');
    await page.getByText('Aktif', { exact: true }).last().waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Sumber resmi yang diperiksa').first().fill('https://contoh.invalid/p3mi/uji');
    await page.getByLabel('Diperiksa petugas pada').first().fill('2026-11-30');
    await publish();
    const id = await waitFor(async () => readFile(join(project, `content/companies/id/${company.file}.md`), 'utf8'), 'the company file');
    expect(frontmatter(id)).toMatchObject({ name: company.name, licenceNumber: company.licence, status: 'aktif' });
  }, 60_000);

  it('adds a vacancy filling in Indonesian only, its company chosen from the register: both language files are written', async () => {
    await openEntry('/collections/vacancies/new', 'Jabatan');
    await page.getByLabel('Jabatan').first().fill(vacancy.position);
    // The company's option shows its name and licence number (display_fields), so it is found by its start.
    for (const [label, text, exact] of [
      ['Negara tujuan', 'Jepang', true],
      ['Bidang kerja', 'Konstruksi', true],
      ['Perusahaan penempatan (P3MI)', company.name, false],
    ] as const) {
      await page.getByLabel(label).first().click();
      await page.keyboard.insertText(text);
      await page.getByText(text, { exact }).last().waitFor();
      await page.keyboard.press('Enter');
    }
    await page.getByLabel('Nomor SIP (Surat Izin Perekrutan)').first().fill(vacancy.sip);
    await page.getByLabel('SIP berlaku sampai').first().fill(vacancy.until);
    await page.getByRole('button', { name: 'Tambah persyaratan' }).first().click();
    await page.getByLabel('Persyaratan').last().fill('Sehat jasmani dan rohani');
    await page.getByLabel('Tanggal diperbarui').first().fill('2026-11-27');
    await publish();
    const id = await waitFor(async () => readFile(join(project, `content/vacancies/id/${vacancy.file}.md`), 'utf8'), 'the vacancy file');
    expect(frontmatter(id)).toMatchObject({
      position: vacancy.position,
      destination: 'jepang',
      sector: 'konstruksi',
      company: company.file,
      sipNumber: vacancy.sip,
    });
    // The English file has the shared fields and none of the untranslated ones.
    const en = frontmatter(await readFile(join(project, `content/vacancies/en/${vacancy.file}.md`), 'utf8'));
    expect(en.sipNumber).toBe(vacancy.sip);
    expect(en.position).toBeUndefined();
  }, 60_000);

  it('closes registration from the settings', async () => {
    const file = join(project, 'content/settings/site.yaml');
    expect((parseYaml(await readFile(file, 'utf8')) as { registration: { open: boolean } }).registration.open).toBe(true);
    await openEntry('/collections/settings/entries/site', 'Pendaftaran minat sedang ditutup');
    const toggle = page.getByLabel('Pendaftaran dibuka');
    await toggle.click();
    await publish();
    const saved = await waitFor(async () => {
      const data = parseYaml(await readFile(file, 'utf8')) as { registration: { open: boolean } };
      return data.registration.open === false ? data : undefined;
    }, 'registration closed in site.yaml');
    expect(saved.registration.open).toBe(false);
  }, 60_000);

  it("records the city's decision on APJATI's role and a confirmed program status from the settings", async () => {
    const file = join(project, 'content/settings/site.yaml');
    type Saved = { privacy: { apjatiRole?: string }; programStatus: { text: { id?: string } } };
    await openEntry('/collections/settings/entries/site', 'Pendaftaran minat sedang ditutup');
    await page.getByLabel('Peran APJATI atas data pendaftar').first().click();
    await page.keyboard.insertText('Penerima data');
    await page.getByText('Penerima data, yang menjadi pengendali', { exact: false }).last().waitFor();
    await page.keyboard.press('Enter');
    // Synthetic text: the test's copy of the project only.
    const confirmed = 'Contoh uji: tanggal seleksi yang dipastikan petugas.';
    // The program status is the form's last text in two languages (only the source's fields follow it).
    await page.getByLabel('Bahasa Indonesia').last().fill(confirmed);
    await publish();
    const saved = await waitFor(async () => {
      const data = parseYaml(await readFile(file, 'utf8')) as Saved;
      return data.privacy.apjatiRole === 'penerima' && data.programStatus.text.id === confirmed ? data : undefined;
    }, "APJATI's role and the program status in site.yaml");
    expect(saved.privacy.apjatiRole).toBe('penerima');
  }, 60_000);

  it('saw no script error and no CSP refusal in the CMS', () => {
    expect(problems).toEqual([]);
  });
});

describe('after the edits, the copy passes the content check, builds and shows them', () => {
  let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
  beforeAll(async () => {
    const check = await run('npm', ['run', '--silent', 'check:content'], { cwd: project });
    // Passes, and tells staff what is left to translate.
    expect(check.stdout).toMatch(new RegExp(`vacancies/en/${vacancy.file}.md — kolom "[^"]*position[^"]*": belum diterjemahkan`));
    await run('node_modules/.bin/astro', ['build'], { cwd: project, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    env = await startRegistrationEnv({ project });
  }, 120_000);
  afterAll(() => env?.close());

  it('the destination page shows the typed text as typed', async () => {
    const p = await browser.newPage();
    await p.goto(`${env.site.url}/tujuan/jepang/`);
    expect((await p.locator('.lead').innerText()).trim()).toBe(typedSummary);
    await expect.poll(() => p.getByText(typedBody, { exact: true }).count()).toBe(1);
    // Typed angle brackets are text, never markup.
    expect(await p.locator('article tag, article b').count()).toBe(0);
    await p.close();
  });

  it('the home page shows the confirmed program status, and the notice the chosen role of APJATI', async () => {
    const home = await (await fetch(`${env.site.url}/`)).text();
    expect(home).toContain('Contoh uji: tanggal seleksi yang dipastikan petugas.');
    const notice = await (await fetch(`${env.site.url}/privasi/`)).text();
    expect(notice).toContain('APJATI menerima data Anda dari Pemerintah Kota Serang');
    expect(notice).not.toContain('Belum ditetapkan oleh Pemerintah Kota Serang');
  });

  it('the new vacancy is published, in English too with its untranslated fields in Indonesian', async () => {
    for (const path of [`/lowongan/${vacancy.file}/`, `/en/vacancies/${vacancy.file}/`]) {
      const res = await fetch(env.site.url + path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain(vacancy.sip);
      expect(html).toContain(vacancy.position);
    }
  });

  it('the form page shows the closed message and the function refuses with 403', async () => {
    const p = await browser.newPage();
    await p.goto(`${env.site.url}/daftar/`);
    await expect.poll(() => p.getByText(env.config.closedMessage.id).count()).toBeGreaterThan(0);
    expect(await p.locator('form[action="/api/register"]').count()).toBe(0);
    await p.close();
    const res = await fetch(`${env.site.url}/api/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person()),
    });
    expect(res.status).toBe(403);
  });
});
