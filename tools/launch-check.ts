import { readFile } from 'node:fs/promises';

import { parse as parseYaml } from 'yaml';

import { cmsBackendFromEnv } from '../src/cms/backend';
import { checkContent } from '../src/content/check';
import { collectionDefs, type Settings } from '../src/content/schemas';
import { outboxKeysFromEnv } from '../src/delivery/outbox-crypto';
import { t } from '../src/i18n';
import { GATE_GAP_KEYS, gateGaps } from '../src/registration/launch-gate';
import { derivedKey, KEY_PURPOSES, type KeyPurpose } from '../src/server/keys';

// What must exist before the site goes live, each with where to fix it. `npm run check:launch` prints
// it (tools/check-launch.ts); docs/launch.md walks the officer through it. Content facts are read from
// content/settings/site.yaml; production settings from the environment the check runs in (Netlify's
// build, or `netlify env:exec` / exported variables on a staff machine).

export interface LaunchItem {
  /** What is checked, in Indonesian. */
  what: string;
  ok: boolean;
  /** Where to fix it. */
  where: string;
}

const CMS = (path: string) => `CMS → Pengaturan situs → ${path}`;
const NETLIFY = (name: string) => `Netlify → Site configuration → Environment variables → ${name}`;

const KEY_NAMES: Record<KeyPurpose, string> = {
  'nik-index': 'indeks NIK ganda dan batas 3 pendaftaran per NIK',
  'birth-date': 'tanggal lahir di cek status',
  client: 'alamat klien pada batas cek status',
  'receipt-token': 'tautan pribadi di tanda terima',
  'letter-code': 'kode keaslian surat undangan seleksi',
};

export function launchItems(settings: Settings, env: Record<string, string | undefined>): LaunchItem[] {
  const { contact, reporting, privacy, registration } = settings;
  const has = (v: unknown) => v !== undefined && v !== null && v !== '';
  const url = env.URL ?? '';
  return [
    { what: 'Alamat kantor', ok: has(contact.address), where: CMS('Kontak bantuan → Alamat kantor') },
    { what: 'Telepon kantor', ok: has(contact.phone), where: CMS('Kontak bantuan → Telepon') },
    { what: 'WhatsApp resmi', ok: has(contact.whatsapp), where: CMS('Kontak bantuan → WhatsApp resmi') },
    { what: 'Email resmi', ok: has(contact.email), where: CMS('Kontak bantuan → Email resmi') },
    {
      what: 'Jam layanan (Indonesia dan Inggris)',
      ok: has(contact.hours.id) && has(contact.hours.en),
      where: CMS('Kontak bantuan → Jam layanan'),
    },
    { what: 'Hotline pengaduan KP2MI', ok: has(reporting.hotline), where: CMS('Saluran pengaduan nasional → Nomor pengaduan') },
    { what: 'WhatsApp pengaduan KP2MI', ok: has(reporting.whatsapp), where: CMS('Saluran pengaduan nasional → WhatsApp pengaduan') },
    { what: 'Situs pengaduan / SISKOP2MI', ok: has(reporting.website), where: CMS('Saluran pengaduan nasional → Alamat situs pengaduan') },
    {
      what: 'Alamat pengendali data pribadi',
      ok: has(privacy.controller.address),
      where: CMS('Pelindungan data pribadi → Pengendali → Alamat'),
    },
    {
      what: 'Email atau telepon pengendali untuk permintaan data pribadi',
      ok: has(privacy.controller.email) || has(privacy.controller.phone),
      where: CMS('Pelindungan data pribadi → Pengendali'),
    },
    {
      what: 'Pejabat pelindungan data pribadi (nama atau jabatan)',
      ok: has(privacy.officer.name),
      where: CMS('Pelindungan data pribadi → Pejabat pelindungan data pribadi'),
    },
    {
      what: 'Kontak pejabat pelindungan data pribadi',
      ok: has(privacy.officer.email) || has(privacy.officer.phone),
      where: CMS('Pelindungan data pribadi → Pejabat pelindungan data pribadi'),
    },
    { what: 'Lama penyimpanan data (bulan)', ok: has(privacy.retentionMonths), where: CMS('Pelindungan data pribadi → Lama penyimpanan') },
    // Decisions only the city can take (docs/launch.md, "Keputusan Pemkot Serang"): named here, never assumed.
    {
      what: 'Keputusan: peran APJATI atas data pendaftar (pengendali bersama atau penerima)',
      ok: has(privacy.apjatiRole),
      where: CMS('Pelindungan data pribadi → Peran APJATI'),
    },
    {
      what: 'Keputusan: lokasi data di luar Indonesia menurut PP 71/2019 (Netlify dan Airtable di Amerika Serikat)',
      ok: env.PDP_SIGNOFF_DATA_LOCATION === '1',
      where: `docs/launch.md, "Keputusan Pemkot Serang" 1; setelah ditandatangani isi ${NETLIFY('PDP_SIGNOFF_DATA_LOCATION')}=1`,
    },
    {
      what: 'Keputusan: dasar transfer data ke luar negeri (Pasal 56 UU PDP) dan perjanjian dengan pemroses',
      ok: env.PDP_SIGNOFF_TRANSFER === '1',
      where: `docs/launch.md, "Keputusan Pemkot Serang" 2; setelah ditandatangani isi ${NETLIFY('PDP_SIGNOFF_TRANSFER')}=1`,
    },
    {
      what: 'Keputusan: dasar pemrosesan (persetujuan atau tugas pelayanan publik) dan penilaian dampak penolakan otomatis dan pencocokan NIK (Pasal 34 UU PDP)',
      ok: env.PDP_SIGNOFF_BASIS === '1',
      where: `docs/launch.md, "Keputusan Pemkot Serang" 4 dan 5; setelah ditandatangani isi ${NETLIFY('PDP_SIGNOFF_BASIS')}=1`,
    },
    {
      what: 'Pendaftaran di produksi terbuka (gerbang peluncuran: pemberitahuan privasi menyebut pengendali, pejabat PDP, masa simpan, kontak)',
      ok: gateGaps(settings).length === 0,
      where: `${CMS('Pelindungan data pribadi dan Kontak bantuan')}: ${gateGaps(settings)
        .map((g) => t('id', GATE_GAP_KEYS[g]))
        .join('; ')}. Sampai terisi, formulir produksi menampilkan "segera dibuka" dan tidak menyimpan apa pun`,
    },
    {
      what: 'Tautan artikel resmi program (bukan beranda serangkota.go.id)',
      ok: has(settings.source.url),
      where: CMS('Sumber resmi program → Tautan artikel'),
    },
    {
      what: 'Batas pendaftaran per hari',
      ok: has(registration.dailyLimit),
      where: `${CMS('Pendaftaran → Batas pendaftaran per hari')} (saran: docs/launch.md)`,
    },
    { what: 'Token Airtable', ok: has(env.AIRTABLE_TOKEN), where: NETLIFY('AIRTABLE_TOKEN') },
    { what: 'Base Airtable', ok: /^app\w+$/.test(env.AIRTABLE_BASE_ID ?? ''), where: NETLIFY('AIRTABLE_BASE_ID') },
    // One secret, four keys derived from it (src/server/keys.ts): each named, so staff know what stops without it.
    ...KEY_PURPOSES.map((purpose) => ({
      what: `Kunci ${KEY_NAMES[purpose]} (diturunkan dari NIK_INDEX_KEY)`,
      ok: (env.NIK_INDEX_KEY ?? '').length >= 32 && !!derivedKey(purpose, env),
      where: `${NETLIFY('NIK_INDEX_KEY')} (32 karakter acak atau lebih)`,
    })),
    {
      what: 'Kunci enkripsi kotak keluar',
      ok: !!outboxKeysFromEnv(env),
      where: `${NETLIFY('OUTBOX_KEYS')} (format id:kunci, kunci 32 bita base64)`,
    },
    {
      what: 'Token petugas (status kotak keluar, hak pemilik data)',
      ok: (env.OUTBOX_ADMIN_TOKEN ?? '').length >= 24,
      where: `${NETLIFY('OUTBOX_ADMIN_TOKEN')} (24 karakter acak atau lebih)`,
    },
    {
      what: 'Build hook untuk pembaruan harian lowongan',
      ok: /^https:\/\/api\.netlify\.com\/build_hooks\//.test(env.BUILD_HOOK_URL ?? ''),
      where: `Netlify → Site configuration → Build hooks, lalu ${NETLIFY('BUILD_HOOK_URL')}`,
    },
    {
      what: 'Alamat publik situs (https, bukan localhost)',
      ok: /^https:\/\//.test(url) && !/localhost|127\.0\.0\.1/.test(url),
      where: 'Netlify → Domain management (Netlify mengisi URL sendiri saat build)',
    },
    cmsLogin(env),
  ];
}

function cmsLogin(env: Record<string, string | undefined>): LaunchItem {
  let backend: string;
  try {
    backend = cmsBackendFromEnv(env).name;
  } catch (e) {
    return { what: 'Login CMS untuk petugas', ok: false, where: `${(e as Error).message} — ${NETLIFY('CMS_BACKEND')}, lihat docs/cms.md` };
  }
  return {
    what: `Login CMS untuk petugas (CMS_BACKEND=${backend})`,
    ok: env.CMS_LOGIN_READY === '1',
    where: 'Nyalakan dan coba login CMS (docs/cms.md, "Memilih cara login"), lalu isi CMS_LOGIN_READY=1 di Environment variables',
  };
}

export async function readSettings(root = 'content'): Promise<Settings> {
  const raw = parseYaml(await readFile(`${root}/settings/site.yaml`, 'utf8'));
  return collectionDefs.settings.schema.parse(raw);
}

export function formatLaunch(items: LaunchItem[]): string {
  const missing = items.filter((i) => !i.ok);
  const lines = items.map((i) => `${i.ok ? '  ✓' : '  ✗'} ${i.what}${i.ok ? '' : `\n      → ${i.where}`}`);
  return [
    `Pemeriksaan peluncuran: ${items.length - missing.length} dari ${items.length} siap.`,
    ...lines,
    missing.length
      ? `\nBelum siap: ${missing.length} hal di atas (✗) harus diisi sebelum situs diluncurkan. Panduan: docs/launch.md`
      : '\nSemua siap untuk peluncuran.',
  ].join('\n');
}

/**
 * The register and the vacancies as they stand today: each vacancy the site does not show (and why),
 * each company not checked for 90 days. From the content check's notes, so the two never disagree.
 */
export async function registerItems(root = 'content', today?: string): Promise<LaunchItem[]> {
  const report = await checkContent(root, today);
  return report.notes
    .filter((n) => n.field === '(tampil di situs)' || (n.field === 'checkedOn' && n.file.includes('/companies/')))
    .map((n) => ({
      what: n.field === 'checkedOn' ? `Perusahaan ${n.file}: ${n.message}` : `Lowongan ${n.file} ${n.message}`,
      ok: false,
      where:
        n.field === 'checkedOn'
          ? 'CMS → Perusahaan penempatan → periksa di SISKOP2MI, lalu ubah "Diperiksa petugas pada"'
          : 'CMS → Lowongan resmi / Perusahaan penempatan (docs/cms.md)',
    }));
}
