import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';

import { eligibilityHandler } from '../../netlify/functions/eligibility';
import { registerHandler } from '../../netlify/functions/register';
import { receiptHandler } from '../../netlify/functions/registration-receipt';
import type { SiteData } from '../../src/site-data/types';
import { copyProject } from '../../tools/project-copy';
import { productionContext } from '../../tools/static-server';

// One state everywhere (issue #27): a production build of the tests' own content (test/fixtures/content,
// launch facts empty, so the gate is closed) and of the same content with the facts filled. Every call to
// register — menu, home, destination and vacancy pages, posters — and the function pages (the receipt's
// link, the self-check's result, the form itself) say the same thing: "opens soon" linking to the page
// that says why, or the invitation to register. A synthetic company and vacancy give vacancy pages.

const run = promisify(execFile);
const SITE = 'https://kerja-luar-negeri.contoh.go.id';
let project: string;

const frontmatter = (data: Record<string, unknown>) => `---\n${stringify(data)}---\n`;
async function addVacancy() {
  for (const lang of ['id', 'en']) {
    await mkdir(join(project, `content/companies/${lang}`), { recursive: true });
    await mkdir(join(project, `content/vacancies/${lang}`), { recursive: true });
    // Synthetic: no real company, licence or permit.
    await writeFile(
      join(project, `content/companies/${lang}/pt-contoh-fiktif.md`),
      frontmatter({
        name: 'PT Contoh Penempatan (fiktif)',
        licenceNumber: 'SIP3MI-UJI-0001',
        licenceIssued: '2025-01-15',
        licenceValidUntil: '2099-01-14',
        headOffice: 'Jl. Contoh No. 1, Kota Fiktif',
        status: 'aktif',
        source: 'https://contoh.invalid/p3mi/uji-0001',
        checkedOn: '2026-11-01',
      }),
    );
    await writeFile(
      join(project, `content/vacancies/${lang}/operator-uji.md`),
      frontmatter({
        position: 'Operator produksi (uji)',
        destination: 'jepang',
        sector: 'manufaktur',
        company: 'pt-contoh-fiktif',
        sipNumber: 'SIP-UJI-0001',
        sipValidUntil: '2099-01-31',
        requirements: ['Contoh persyaratan'],
        updated: '2026-11-01',
      }),
    );
  }
}

/** The launch facts the gate waits for, filled with synthetic values. */
async function fillLaunchFacts() {
  const file = join(project, 'content/settings/site.yaml');
  const settings = parseYaml(await readFile(file, 'utf8'));
  Object.assign(settings.contact, { whatsapp: '0812 0000 0000' });
  Object.assign(settings.privacy.controller, { email: 'pdp@contoh.invalid' });
  Object.assign(settings.privacy, {
    officer: { name: 'Kepala Bidang Contoh', email: '', phone: '0254 000000' },
    apjatiRole: 'penerima',
    apjatiContact: { address: '', email: 'data@apjati-contoh.invalid', phone: '' },
    retentionMonths: 24,
  });
  await writeFile(file, stringify(settings));
}

const buildForProduction = () =>
  run('npx', ['astro', 'build', '--silent'], {
    cwd: project,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTEXT: 'production', URL: SITE },
  });

interface Built {
  pages: Map<string, ReturnType<typeof parse>>;
  site: SiteData;
}
async function readBuilt(): Promise<Built> {
  const pages = new Map<string, ReturnType<typeof parse>>();
  const { glob } = await import('node:fs/promises');
  for await (const f of glob('**/*.html', { cwd: join(project, 'dist'), exclude: ['admin/**'] }))
    pages.set(f, parse(await readFile(join(project, 'dist', f), 'utf8')));
  const site = JSON.parse(await readFile(join(project, 'src/site-data/generated.json'), 'utf8')) as SiteData;
  return { pages, site };
}

const text = (page: ReturnType<typeof parse> | undefined) => page?.querySelector('body')?.text.replace(/\s+/g, ' ') ?? '';
const link = (page: ReturnType<typeof parse> | undefined, selector: string) => {
  const a = page?.querySelector(selector);
  return { text: a?.text.trim(), href: a?.getAttribute('href') };
};
async function functionPage(handler: (req: Request, context?: never) => Promise<Response>, path: string, init?: RequestInit) {
  const res = await handler(new Request(`${SITE}${path}`, init), productionContext() as never);
  return { status: res.status, doc: parse(await res.text()) };
}

let closed: Built;
let open: Built;
beforeAll(async () => {
  project = await copyProject('registration-state-');
  await rm(join(project, 'content'), { recursive: true, force: true });
  await cp('test/fixtures/content', join(project, 'content'), { recursive: true });
  await addVacancy();
  await buildForProduction();
  closed = await readBuilt();
  await fillLaunchFacts();
  await buildForProduction();
  open = await readBuilt();
}, 600_000);
afterAll(() => project && rm(project, { recursive: true, force: true }));

// Each call to register, with its invitation while open.
const calls = [
  { page: 'index.html', selector: '.hero a.button', open: 'Daftar minat sekarang' },
  { page: 'index.html', selector: 'a.nav__cta', open: 'Daftar minat' },
  { page: 'en/index.html', selector: 'a.nav__cta', open: 'Register interest' },
  { page: 'tujuan/jepang/index.html', selector: 'article a.button', open: 'Daftar minat untuk tujuan ini' },
  { page: 'lowongan/operator-uji/index.html', selector: 'article a.button', open: 'Daftar untuk lowongan ini' },
  { page: 'en/vacancies/operator-uji/index.html', selector: 'article a.button', open: 'Register for this vacancy' },
];

describe('production with the gate closed (launch facts empty)', () => {
  it('every call to register says "opens soon" and links to the form page, which says why', () => {
    for (const c of calls) {
      const { text: words, href } = link(closed.pages.get(c.page), c.selector);
      expect(words, c.page).toBe(c.page.startsWith('en/') ? 'Registration opens soon' : 'Pendaftaran segera dibuka');
      expect(href, c.page).toMatch(
        /^\/(en\/)?(register|daftar|lowongan\/operator-uji\/daftar|vacancies\/operator-uji\/register)\/?(\?.*)?$/,
      );
    }
    const form = closed.pages.get('daftar/index.html');
    expect(form?.querySelector('main h1')?.text).toBe('Pendaftaran segera dibuka');
    expect(text(form)).toContain('pemberitahuan privasi menyebut siapa yang bertanggung jawab');
    expect(form?.querySelector('form#reg-form')).toBeNull();
    expect(closed.pages.get('lowongan/operator-uji/daftar/index.html')?.querySelector('main h1')?.text).toBe('Pendaftaran segera dibuka');
  });

  it('no built page invites a registration, and every menu button says "opens soon"', () => {
    const invitations =
      /Daftar minat sekarang|Daftar untuk lowongan ini|Daftar minat untuk tujuan ini|Register interest now|Register for this vacancy/;
    for (const [file, page] of closed.pages) {
      expect(text(page), file).not.toMatch(invitations);
      const menu = page.querySelector('a.nav__cta');
      if (menu) expect(menu.text.trim(), file).toMatch(/^(Pendaftaran segera dibuka|Registration opens soon)$/);
    }
  });

  it('posters do not ask to register: they say it opens soon and print the address that says why', () => {
    for (const [file, url] of [
      ['poster/index.html', `${SITE}/daftar/`],
      ['lowongan/operator-uji/poster/index.html', `${SITE}/lowongan/operator-uji/daftar/`],
    ] as const) {
      const words = text(closed.pages.get(file));
      expect(words, file).not.toMatch(/mendaftar minat:/);
      expect(words, file).toContain(`Pendaftaran segera dibuka. Keterangannya: ${url}`);
    }
  });

  it("the function pages agree: the receipt's link, the self-check's result, the form", async () => {
    const site = () => closed.site;
    const receipt = await functionPage(receiptHandler(site), '/daftar/terima-kasih/?ref=SRG-ABCDEF');
    expect(receipt.status).toBe(404);
    expect(link(receipt.doc, 'main p:last-child a')).toEqual({ text: 'Pendaftaran segera dibuka', href: '/daftar/' });
    expect(receipt.doc.querySelector('a.nav__cta')?.text.trim()).toBe('Pendaftaran segera dibuka');

    const check = await functionPage(eligibilityHandler(site), '/api/cek-kelayakan?usia=over&pendidikan=sma&bahasa=fluent&lang=id');
    expect(link(check.doc, 'main a.button')).toEqual({ text: 'Pendaftaran segera dibuka', href: '/daftar/' });

    const form = await functionPage(registerHandler(site), '/api/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'lang=en',
    });
    expect(form.status).toBe(403);
    expect(form.doc.querySelector('main h1')?.text).toBe('Registration opens soon');
  });

  it('/kontak/ lists SP4N-LAPOR! and does not call unlisted numbers unofficial while none is listed', () => {
    const contact = text(closed.pages.get('kontak/index.html'));
    expect(contact).toContain('SP4N-LAPOR!');
    expect(closed.pages.get('kontak/index.html')?.querySelector('a[href="https://www.lapor.go.id"]')).not.toBeNull();
    // (Only the interface's own sentence is checked: the fixture's Markdown is an older copy of staff's text.)
    expect(contact).not.toContain('Hanya nomor di atas yang resmi');
    expect(closed.pages.get('waspada-penipuan/index.html')?.querySelector('a[href="https://www.lapor.go.id"]')).not.toBeNull();
  });
});

describe('production with the launch facts filled', () => {
  it('every call to register invites to register, and the form is there', () => {
    for (const c of calls) expect(link(open.pages.get(c.page), c.selector).text, c.page).toBe(c.open);
    expect(open.pages.get('daftar/index.html')?.querySelector('form#reg-form')).not.toBeNull();
    expect(text(open.pages.get('poster/index.html'))).toContain('Pindai kode ini untuk membaca syarat dan mendaftar minat:');
    expect(text(open.pages.get('poster/index.html'))).not.toContain('Keterangannya');
  });

  it('the function pages invite too', async () => {
    const site = () => open.site;
    const receipt = await functionPage(receiptHandler(site), '/en/register/thank-you/?ref=SRG-ABCDEF');
    expect(link(receipt.doc, 'main p:last-child a')).toEqual({ text: 'Register interest', href: '/en/register/' });
    const check = await functionPage(
      eligibilityHandler(site),
      '/api/cek-kelayakan?usia=over&pendidikan=sma&bahasa=fluent&tujuan=jepang&lang=id',
    );
    expect(link(check.doc, 'main a.button')).toEqual({ text: 'Daftar minat sekarang', href: '/daftar/?tujuan=jepang' });
  });

  it("the notice fills every placeholder, names APJATI's contact, and /kontak/ says only its numbers are official", () => {
    const notice = text(open.pages.get('privasi/index.html'));
    expect(notice).not.toMatch(/\{\w+\}/);
    expect(notice.match(/24 bulan/g)?.length).toBeGreaterThanOrEqual(2);
    expect(notice).toContain('Atas salinan yang diterimanya, APJATI bertanggung jawab sendiri');
    expect(notice).toContain('data@apjati-contoh.invalid');
    expect(text(open.pages.get('en/privacy/index.html')).match(/24 months/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text(open.pages.get('kontak/index.html'))).toContain('Hanya nomor di atas yang resmi');
  });
});
