import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';

import { t } from '../../src/i18n';
import en from '../../src/i18n/en.json';
import id from '../../src/i18n/id.json';
import { DIST, htmlFiles } from '../../tools/dist';

// Launch truth (issue #19): the built site says only what the 8 December 2025 article and the law
// support, attributes APJATI's claims to APJATI, and the notice carries what UU PDP asks of it. Read
// from the built pages (what a citizen sees, content and interface strings together) and the strings.

const pages = await htmlFiles();
const html = new Map(await Promise.all(pages.map(async (f) => [f, await readFile(join(DIST, f), 'utf8')] as const)));
const text = new Map(pages.map((f) => [f, parse(html.get(f)!).querySelector('body')?.text.replace(/\s+/g, ' ') ?? ''] as const));
const strings = [...Object.values(id), ...Object.values(en)].join('\n');

/** Sentences the review found beyond the source, the program's promise or plain words. */
const banned: [string, RegExp][] = [
  ['plantation as coaching', /pilih bidang tersebut|choose it as your field of work|does not apply to|tidak berlaku untuk bidang/i],
  ['Oceania is not in the article', /Oseania|Oceania/],
  ['every registration goes through every stage', /Setiap pendaftaran melewati|Every registration goes through/],
  ['unconditional "staff will contact you"', /akan menghubungi Anda untuk|will contact you (for|about|on)/],
  ['selection start stated as current', /Seleksi dilakukan mulai awal 2026|Selection runs from early 2026/],
  ['the equivalence as a program fact', /\(MA, SMK, MAK(,| atau| or) Paket C\)|Paket C setara SMA|Paket C is equal to SMA|equal to SMA\)/],
  ['unsourced scam claims', /Kamboja|Cambodia|Myanmar|penampungan|holding centre/],
  ['register in person at an unpublished office', /langsung di Disnakertrans|in person at Disnakertrans/],
  ['every stage with a P3MI', /Persiapan keberangkatan bersama perusahaan penempatan resmi|with a licensed placement company \(P3MI\)\./],
  ['the notice overpromising deletion', /di mana pun disimpan|wherever it is stored/],
  ['the notice saying the form only tells', /hanya memberi tahu syarat|only tell you which requirement/],
  ['jargon in the notice', /AES-256|HTTPS|\blog\)/],
  ['the status tip', /jadi 0 dan 1 juga tidak|so neither are 0 and 1/],
  ['translated English', /As for every destination|is not yet applying for a job|Depart for an official vacancy/],
  ['APJATI named another way', /Association of Indonesian Manpower|migrant worker placement companies/],
  ['"don\'t deal with anyone" beside "staff will call"', /jangan layani orang|do not deal with anyone/],
];

describe('every sentence true to the source', () => {
  it.each(banned)('no page and no interface string says: %s', (_what, pattern) => {
    const found = [...text].filter(([, t]) => pattern.test(t)).map(([f]) => f);
    expect(found).toEqual([]);
    expect(strings).not.toMatch(pattern);
  });

  it('pay and "all with SIP" are attributed to APJATI wherever they are shown', () => {
    for (const [file, t] of text) {
      for (const m of t.matchAll(/Rp8 (juta|million)/g)) {
        const around = t.slice(Math.max(0, m.index - 200), m.index + 200);
        expect(around, file).toMatch(/APJATI/);
      }
      if (/Semua ber-SIP|All hold a SIP/.test(t)) expect(t, file).toMatch(/(Semua ber-SIP|All hold a SIP), (menurut|according to) APJATI/);
    }
    expect(text.get('index.html')).toMatch(/Menurut APJATI; tergantung negara/);
    expect(text.get('poster/index.html')).toMatch(/Rp80 juta per bulan, menurut APJATI/);
  });

  it('forward-looking statements are dated to the announcement', () => {
    for (const f of ['jadwal/index.html', 'tanya-jawab/index.html', 'en/timeline/index.html']) {
      expect(text.get(f), f).toMatch(/(pengumuman|announcement of) 8 (Desember|December) 2025/);
    }
  });

  it('wherever staff may contact someone, the page says how to recognise official staff', () => {
    for (const f of ['tahapan/index.html', 'kontak/index.html', 'en/stages/index.html']) {
      expect(text.get(f), f).toMatch(/Cara mengenali petugas resmi|How to recognise official staff/);
    }
  });
});

describe('a notice a lawyer signs and a citizen reads', () => {
  const notice = { id: text.get('privasi/index.html') ?? '', en: text.get('en/privacy/index.html') ?? '' };

  it.each(Object.entries(notice))(
    "(%s) names the officer, APJATI's role, SP4N-LAPOR!, one retention rule and the vacancy field",
    (lang, t) => {
      expect(t.length).toBeGreaterThan(3000);
      const want =
        lang === 'id'
          ? [
              /SP4N-LAPOR!/,
              /setelah lembaga itu terbentuk/,
              /Satu aturan berlaku untuk setiap pendaftaran/,
              /sudah berangkat/,
              /Diterima, menunggu diperiksa/,
              /lowongan yang Anda pilih/,
              /Cek status/,
              /3 × 24 jam setelah permintaan diterima \(Pasal 11\)/,
              /Pasal 56/,
              /calon pemberi kerja di negara tujuan/,
              /Yang tidak bisa dihapus dari sini/,
              /diambil hanya oleh sistem \(Pasal 10\)/,
            ]
          : [
              /SP4N-LAPOR!/,
              /once it has been formed/,
              /One rule applies to every registration/,
              /have left for work/,
              /Received, waiting to be reviewed/,
              /the vacancy you chose/,
              /status check/,
              /within 3 × 24 hours of your request \(Article 11\)/,
              /Article 56/,
              /prospective employer in the destination country/,
              /What cannot be deleted from here/,
              /made only by the system \(Article 10\)/,
            ];
      for (const w of want) expect(t).toMatch(w);
    },
  );

  it.each(['id', 'en'] as const)(
    '(%s) always has a row for the officer and for APJATI’s role, whether or not the city has named them',
    (lang) => {
      // Found by what it is (the facts box), not by its address: staff may rename the page.
      const boxes = pages
        .filter((f) => (lang === 'en') === f.startsWith('en/'))
        .map((f) => parse(html.get(f)!).querySelector('.privacy-facts'))
        .filter((b) => b !== null);
      expect(boxes).toHaveLength(1);
      const after = (heading: string) => boxes[0]!.querySelectorAll('h3').find((h) => h.text.trim() === heading)?.nextElementSibling;
      const officer = after(t(lang, 'privacy.facts.officer'));
      // A name with its contacts, or "not yet appointed — ask staff in person".
      if (officer?.tagName === 'P') expect(officer.text.trim()).toBe(t(lang, 'privacy.facts.officerNone'));
      else expect(officer?.querySelector('dd')?.text.trim()).toBeTruthy();
      const role = after(t(lang, 'privacy.facts.apjati'))?.text.trim();
      expect([
        t(lang, 'privacy.facts.apjati.unset'),
        t(lang, 'privacy.facts.apjati.penerima'),
        t(lang, 'privacy.facts.apjati.pengendali-bersama'),
      ]).toContain(role);
    },
  );

  it('puts plain words first and article numbers in brackets', () => {
    // No sentence opens with a law reference: "(Pasal 5)" follows what it supports.
    for (const t of Object.values(notice)) expect(t).not.toMatch(/(^|[.:] )(Pasal|Article) \d/);
  });
});
