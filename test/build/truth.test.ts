import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';

import { t } from '../../src/i18n';
import en from '../../src/i18n/en.json';
import id from '../../src/i18n/id.json';
import { builtLeftovers } from '../../src/i18n/placeholder-integration';
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
  // Issue #27: claims beyond the article, words a broker can sell, and the notice read against UU PDP.
  ['"vacancies" where the article says "akses karier internasional"', /membuka lowongan|opens? (legal, verified )?(jobs|vacancies)/i],
  [
    '"diterima" (also "accepted") where a registration has only arrived',
    /Pendaftaran minat Anda sudah diterima|Diterima, menunggu diperiksa|has been received|Received, waiting/,
  ],
  [
    'the caller test anyone who filled in the form can pass',
    /menyebut nomor pendaftaran Anda|tidak bisa menyebut nomor pendaftaran|quotes? your registration number|tell you your registration number/,
  ],
  ['"not listed, not official" while no number may be listed', /nomor yang tidak tercantum di sini|from a number not listed here/],
  ['registration "only through this site" (not in the article)', /hanya lewat formulir di situs ini|only through the form on this site/],
  ['SISKOP2MI listing sanctioned companies (no source)', /dikenai sanksi|sanctioned compan/],
  ['"basic requirements met" whatever the language', /memenuhi syarat dasar|meet the program's basic requirements/],
  ['"menolak keputusan" where the law says "mengajukan keberatan"', /menolak keputusan/],
  ['deletion "cannot be recovered" (Airtable keeps deleted rows a while)', /tidak bisa dipulihkan|cannot be recovered/],
  ['identity checked by the birth date alone', /misalnya dengan mencocokkan tanggal lahir|for example by matching your date of birth/],
  [
    "a second statement of who answers for APJATI's copy (the role's row says it)",
    /salinan yang sudah diterima APJATI|copies already received by APJATI/,
  ],
  ['English that reads translated', /3 × 24 hours|City Government of Serang|working records|A command of the destination/],
  // The independent reader of every built page (issue #27, second pass).
  ['"free" for everyone (the article: residents of Kota Serang pay nothing)', /Program ini gratis\.|This program is free\./],
  ['"terjamin" (the article\'s "keamanan dan perlindungan pekerja terjamin" is APJATI\'s, not the site\'s)', /terjamin|(are|is) assured/],
  ['APJATI membership as a licence', /Perusahaan anggota APJATI adalah P3MI|APJATI's member companies are P3MI/],
  ['a medical check (the article names none)', /pemeriksaan kesehatan|medical check/],
  ['the source named another way', /artikel resmi|official article/i],
  ['"placement" where the MoU opens access to international careers', /kerja sama penempatan|on placement in jobs abroad/],
  ["EPS as Korea's main route (no source)", /Jalur utama kerja ke Korea|main route to work in South Korea/],
  [
    'the selection start as a fact of its own (the article: planned)',
    /akan dilakukan mulai awal tahun|was to start early the following year/,
  ],
  ["the job seekers as the site's own count", /Kota Serang mencatat sekitar|Kota Serang records about/],
];

/** Texts a broker could screenshot as proof: each says, in its own words, that it is not an acceptance. */
const notAcceptance = [
  ['reg.thanks.notHired', /bukan tanda diterima kerja/, /not proof of a job/],
  ['reg.thanks.whatsappText', /bukan tanda diterima kerja/, /not proof of a job/],
  ['letter.notHired', /bukan tanda diterima kerja/, /not proof of a job/],
  ['verify.genuine.lead', /bukan tanda diterima kerja/, /not proof of a job/],
  ['eligibility.result.notRegistered', /bukan pendaftaran dan bukan tanda diterima/, /not a registration, and not proof of a job/],
] as const;

/** Claims that need their source beside them: the training and its cost are the announcement's, of 8 December 2025. */
const dated: [string, RegExp][] = [
  ['the training length', /3[–-]8 (bulan|months)|3 (sampai|to) 8 (bulan|months)/g],
  [
    'the cost to residents',
    /tidak dibebani biaya|pay nothing|pelatihan bahasa (gratis|tanpa biaya)|language training (is free|costs residents nothing)/g,
  ],
];
const SOURCE =
  /(pengumuman (Pemkot Serang )?|announcement of )8 (Desember|December) 2025|pengumuman itu|that announcement|Agus Hendrawan|Sumber asli|serangkota\.go\.id/;
/** The source's one name: in full at its first mention on a page, "pengumuman 8 Desember 2025" after that. */
const SOURCE_NAME = /pengumuman (Pemkot Serang )?8 Desember 2025|(the City of Serang['’]s )?announcement of 8 December 2025/i;

describe('every sentence true to the source', () => {
  it('no page and no function page shows an unfilled {placeholder} (the build refuses one too)', async () => {
    const shells = async () => {
      const data = JSON.parse(await readFile('src/site-data/generated.json', 'utf8')) as { shells: Record<string, Record<string, string>> };
      return Object.fromEntries(
        Object.entries(data.shells).flatMap(([name, byLang]) => Object.entries(byLang).map(([l, html]) => [`${name}-${l}`, html])),
      );
    };
    expect(await builtLeftovers(DIST, shells)).toEqual([]);
  });

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
      for (const m of t.matchAll(/semua lowongan (program )?ber-SIP|every vacancy in the program holds a SIP/gi))
        expect(t.slice(Math.max(0, m.index - 25), m.index), file).toMatch(/(Menurut|According to) APJATI, $/);
    }
    expect(text.get('index.html')).toMatch(/Menurut APJATI; tergantung negara/);
    expect(text.get('index.html')).toContain(t('id', 'home.fact.legalValue'));
    expect(text.get('poster/index.html')).toMatch(/Rp80 juta per bulan, tergantung negara dan jenis pekerjaan \(menurut APJATI\)/);
    expect(text.get('en/poster/index.html')).toMatch(/depending on the country and type of work \(according to APJATI\)/);
  });

  it.each(dated)('%s is dated to the announcement wherever a page states it', (_what, pattern) => {
    const undated: string[] = [];
    for (const [file, t] of text) {
      // The announcement's own page carries its date in its heading.
      if (/^(en\/)?(pengumuman|announcements)\/.+/.test(file)) continue;
      for (const m of t.matchAll(pattern)) {
        const around = t.slice(Math.max(0, m.index - 300), m.index + m[0].length + 120);
        if (!SOURCE.test(around)) undated.push(`${file}: …${t.slice(Math.max(0, m.index - 80), m.index + 40)}…`);
      }
    }
    expect(undated).toEqual([]);
  });

  it('names the source one way: "pengumuman Pemkot Serang 8 Desember 2025" at its first mention on a page', () => {
    const short: string[] = [];
    for (const [file, t] of text) {
      const m = SOURCE_NAME.exec(t);
      if (m && !m[1] && !m[2]) short.push(`${file}: …${t.slice(Math.max(0, m.index - 60), m.index + 30)}…`);
    }
    expect(short).toEqual([]);
    // The interface strings that open a page's mention of it (the form's, the self-check's, the poster's, the home page's).
    for (const key of [
      'home.lead',
      'destinations.lead',
      'reg.languageLevel.hint',
      'eligibility.result.languageLead',
      'poster.lead',
    ] as const) {
      expect(t('id', key), key).toContain('pengumuman Pemkot Serang 8 Desember 2025');
      expect(t('en', key), key).toContain("the City of Serang's announcement of 8 December 2025");
    }
  });

  it.each(notAcceptance)('%s says it is not an acceptance, in both languages', (key, idWords, enWords) => {
    expect(t('id', key)).toMatch(idWords);
    expect(t('en', key)).toMatch(enWords);
  });

  it('free for residents of Kota Serang, not for anyone: the banner (the poster\'s line) on every page, the tagline leaving "free" to it', () => {
    for (const [file, t] of text) expect(t, file).toMatch(/Gratis bagi warga Kota Serang\.|Free for residents of Kota Serang\./i);
    for (const lang of ['id', 'en'] as const) expect(t(lang, 'site.tagline')).not.toMatch(/gratis|free/i);
  });

  it("the home page's age gives its source, the law, as /persyaratan/ does", () => {
    for (const f of ['index.html', 'en/index.html']) {
      const age = /(Usia minimal|Aged) 18\b[^;]*/.exec(text.get(f) ?? '');
      if (age) expect(age[0], f).toMatch(/UU 18\/2017|Law 18\/2017/);
    }
  });

  it('the Korea page does not say every vacancy has a SIP (its main route, EPS, is government to government)', () => {
    for (const f of ['tujuan/korea-selatan/index.html', 'en/destinations/korea-selatan/index.html']) {
      expect(text.get(f), f).not.toMatch(/setiap lowongan program ini memiliki|every vacancy in this program has/);
    }
  });

  it('/kontak/ and the scam page list the complaint channels, SP4N-LAPOR! always', async () => {
    for (const f of ['kontak/index.html', 'waspada-penipuan/index.html', 'en/contact/index.html', 'en/beware-of-scams/index.html']) {
      const page = parse(await readFile(join(DIST, f), 'utf8'));
      expect(page.querySelector('a[href="https://www.lapor.go.id"]')?.text, f).toBe('www.lapor.go.id');
    }
  });

  it('the consent names what the notice rests on it for: storage in the United States and the transfer to an employer abroad', async () => {
    for (const [f, words] of [
      ['daftar/index.html', [/Amerika Serikat/, /calon pemberi kerja/]],
      ['en/register/index.html', [/United States/, /prospective employer/]],
    ] as const) {
      const form = parse(await readFile(join(DIST, f), 'utf8')).querySelector('#f-consent-group');
      // Only where the form is built (registration open, not before launch in production).
      if (form) for (const w of words) expect(form.text, f).toMatch(w);
    }
  });

  it('forward-looking statements are dated to the announcement, and said as its plans', () => {
    for (const f of ['jadwal/index.html', 'tanya-jawab/index.html', 'en/timeline/index.html', 'en/faq/index.html']) {
      expect(text.get(f), f).toMatch(SOURCE_NAME);
      expect(text.get(f), f).toMatch(/direncanakan mulai awal 2026|was planned to start in early 2026/);
    }
    for (const f of ['jadwal/index.html', 'en/timeline/index.html']) expect(text.get(f), f).toMatch(/(Awal|Early) 2026 — /);
  });

  it('the timeline pages in both languages carry the same "updated" date', () => {
    const updated = (f: string) => parse(html.get(f)!).querySelector('main time')?.getAttribute('datetime');
    expect(updated('jadwal/index.html')).toBeTruthy();
    expect(updated('en/timeline/index.html')).toBe(updated('jadwal/index.html'));
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
    "(%s) names the officer, APJATI's role, SP4N-LAPOR!, one retention rule, every automatic refusal, the status cache, the NIK list, exports and how requests are dated",
    (lang, t) => {
      expect(t.length).toBeGreaterThan(3000);
      const want =
        lang === 'id'
          ? [
              /Pejabat pelindungan data pribadi/,
              /Peran APJATI/,
              /SP4N-LAPOR!/,
              /setelah lembaga itu terbentuk/,
              /Satu aturan berlaku untuk setiap pendaftaran/,
              /sudah berangkat/,
              /Sudah masuk, menunggu diperiksa/,
              /lowongan yang Anda pilih/,
              /Cek status/,
              /3 × 24 jam setelah permintaan diterima \(Pasal 11\)/,
              /Pasal 56/,
              /calon pemberi kerja di negara tujuan/,
              /Yang tidak bisa dihapus dari sini/,
              /mengajukan keberatan atas keputusan yang diambil hanya oleh sistem \(Pasal 10\)/,
              // Every automatic refusal (src/registration/validate.ts, nik.ts, eligibility.ts; nik-index.ts; ceiling.ts).
              /usia Anda di bawah batas minimal/,
              /pendidikan terakhir Anda di bawah syarat program/,
              /NIK tidak sesuai susunan NIK: bukan 16 angka, kode provinsinya tidak ada/,
              /tanggal lahir yang Anda isi tidak sama dengan tanggal lahir di NIK/,
              /3 pendaftaran dalam 30 hari/,
              /batas pendaftaran hari itu/,
              /Salinan untuk Cek status/,
              /Daftar NIK/,
              /disimpan selama pendaftaran Anda disimpan/,
              /Airtable, layanan basis data program, masih menyimpan baris yang dihapus/,
              /Salinan yang diunduh petugas/,
              /dicatat dengan tanggal dan jam diterimanya/,
              /Tanggal lahir saja tidak cukup/,
            ]
          : [
              /Data protection officer/,
              /APJATI's role/,
              /SP4N-LAPOR!/,
              /once it has been formed/,
              /One rule applies to every registration/,
              /have left for work/,
              /Received, awaiting review/,
              /the vacancy you chose/,
              /status check/,
              /within 72 hours of your request \(Article 11\)/,
              /Article 56/,
              /prospective employer in the destination country/,
              /What cannot be deleted from here/,
              /object to a decision made only by the system \(Article 10\)/,
              /you are under the minimum age/,
              /below the program[’']s requirement/,
              /the NIK is not a valid NIK: not 16 digits, a province code that does not exist/,
              /the date of birth you enter is not the one in your NIK/,
              /3 registrations in 30 days/,
              /the day[’']s limit of registrations/,
              /A copy for the status check/,
              /The NIK list/,
              /kept for as long as your registration is kept/,
              /Airtable, the program[’']s database service, keeps deleted rows/,
              /Copies staff download/,
              /logged with the date and time it arrives/,
              /Your date of birth alone is not enough/,
              /never written to the system[’']s logs/,
              /the City of Serang/,
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
