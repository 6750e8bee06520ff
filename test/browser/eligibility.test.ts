import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser, viewports } from '../../tools/browser';
import { startRegistrationEnv } from '../../tools/registration-env';
import { axeViolations } from '../support/axe';
import { fixtureProject } from '../support/fixture-site';

// The self-check at /cek-kelayakan: a plain GET form answered by the function with the registration's
// own rules (read from content through the build's site data). Same answers with and without JS.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let browser: Browser;
beforeAll(async () => {
  env = await startRegistrationEnv({ project: fixtureProject() });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

interface Case {
  why: string;
  age: 'over' | 'under';
  education: string;
  sector: string;
  language: string;
  destination: string;
  heading: RegExp;
  says: RegExp[];
}

const cases: Case[] = [
  {
    // The article makes the language a main requirement: "not yet" is never "you meet the requirements".
    why: 'adult with SMA, no language yet',
    age: 'over',
    education: 'sma',
    sector: 'manufaktur',
    language: 'none',
    destination: 'jepang',
    heading: /^Syarat bahasa belum terpenuhi$/,
    says: [
      /Negara tujuan pilihan Anda/,
      /Jepang/,
      /Bahasa Jepang/,
      /pelatihan bahasa berlangsung 3–8 bulan/,
      /Cara mengenali petugas resmi/,
      // The tests' content lists no official number: the caller advice sends people to the office.
      /tanyakan langsung di kantor Disnakertrans Kota Serang\. Situs ini belum mencantumkan nomor resmi\./,
      /Ini bukan pendaftaran dan bukan tanda diterima kerja\./,
    ],
  },
  {
    why: 'adult with SMA, fluent, no destination chosen: every destination listed with its language, none called suitable',
    age: 'over',
    education: 'sma',
    sector: 'manufaktur',
    language: 'fluent',
    destination: 'belum-tahu',
    heading: /^Menurut jawaban Anda, Anda tampaknya memenuhi syarat utama$/,
    says: [
      /Negara tujuan program dan bahasanya/,
      /Jepang/,
      /Korea Selatan/,
      /Ini bukan pendaftaran dan bukan tanda diterima kerja\./,
      // The form groups MA, SMK and MAK with SMA, and Paket C beside it: whether they count, staff decide.
      /Apakah ijazah MA, SMK, MAK, atau Paket C dianggap setara SMA, petugas yang memastikan\./,
    ],
  },
  {
    why: 'under the minimum age',
    age: 'under',
    education: 'sma',
    sector: 'manufaktur',
    language: 'fluent',
    destination: 'belum-tahu',
    heading: /belum memenuhi/,
    says: [/minimal 18 tahun/],
  },
  {
    why: 'SMP outside plantation',
    age: 'over',
    education: 'smp',
    sector: 'konstruksi',
    language: 'basic',
    destination: 'belum-tahu',
    heading: /belum memenuhi/,
    says: [/minimal SMA\./, /bidang perkebunan punya aturan berbeda; aturan itu belum diumumkan/],
  },
  // The article only says plantation has different rules: no verdict, and no "you meet the requirements".
  {
    why: 'SMP in plantation',
    age: 'over',
    education: 'smp',
    sector: 'perkebunan',
    language: 'fluent',
    destination: 'belum-tahu',
    heading: /belum bisa dipastikan/,
    says: [/aturan berbeda/, /belum diumumkan/, /tidak pernah meminta tanggal lahir/, /bukan tanda diterima kerja/],
  },
];

describe.each([true, false])('self-check (JavaScript %s)', (js) => {
  it.each(cases)('$why', async (c) => {
    const context = await browser.newContext({ viewport: viewports.phone, javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/cek-kelayakan/`);
    await page.check(`input[name=usia][value=${c.age}]`);
    await page.selectOption('#e-pendidikan', c.education);
    await page.selectOption('#e-bidang', c.sector);
    await page.check(`input[name=bahasa][value=${c.language}]`);
    await page.selectOption('#e-tujuan', c.destination);
    await page.getByRole('button', { name: 'Lihat hasil' }).click();
    await page.waitForURL(/\/api\/cek-kelayakan\?/);
    expect(await page.locator('h1').innerText()).toMatch(c.heading);
    const text = await page.locator('main').innerText();
    for (const s of c.says) expect(text).toMatch(s);
    expect(text).not.toMatch(/pilih bidang tersebut|memenuhi syarat dasar|Negara tujuan yang sesuai/);
    // Only categories travel in the URL: nothing personal.
    expect(page.url()).not.toMatch(/\d{16}|08\d{8}/);
    if (c.education !== 'sma') expect(text).not.toContain('dianggap setara SMA');
    if (js) expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the self-check form', () => {
  it('says the field of work only records an interest', async () => {
    const html = await (await fetch(`${env.site.url}/cek-kelayakan/`)).text();
    expect(html).toContain('aria-describedby="e-bidang-hint"');
    expect(html).toContain('Pilihan ini hanya mencatat minat Anda. Bidang yang tersedia bergantung pada lowongan resmi.');
  });
});

describe('the self-check function', () => {
  it('answers unknown or missing answers with the form again, never an error', async () => {
    for (const query of ['', '?usia=lots&pendidikan=phd', '?lang=xx&usia=over', `?tujuan=${'x'.repeat(5000)}`]) {
      const res = await fetch(`${env.site.url}/api/cek-kelayakan${query}`);
      expect(res.status, query).toBe(200);
      const html = await res.text();
      expect(html).toContain('Jawab pertanyaan tentang usia dan pendidikan');
      expect(html).toContain('id="self-check"');
    }
  });

  it('is in English for an English form', async () => {
    const res = await fetch(
      `${env.site.url}/api/cek-kelayakan?lang=en&usia=over&pendidikan=s1&bidang=perawatan&bahasa=fluent&tujuan=eropa`,
    );
    const html = await res.text();
    expect(html).toContain('From your answers, you seem to meet the main requirements');
    expect(html).toContain('This is not a registration, and not proof of a job.');
    // A degree is above SMA: no question of equivalence.
    expect(html).not.toContain('counts as equal to SMA');
    expect(html).toContain('The destination you chose');
    expect(html).toContain('Europe');
  });
});
