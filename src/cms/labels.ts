import { faqCategoryValues, regionValues } from '../content/schemas';
import idMessages from '../i18n/id.json';
import { educationLevels } from '../shared/education';

// What the CMS shows staff for each field: Indonesian label, hint, and whether it is written per
// language. Types, required flags, limits and choices are not here: they come from the zod schemas
// (see config.ts), so the CMS cannot drift from what the build accepts.

export interface FieldUi {
  label: string;
  hint?: string;
  /** translate: each language has its own value. duplicate: one value, copied to every language. */
  i18n?: 'translate' | 'duplicate';
  /** Long strings get a multi-line box. */
  multiline?: boolean;
  /** Labels for the values of an enum, when the value itself is not self-explanatory. */
  optionLabels?: Record<string, string>;
  /** A value chosen from other content instead of typed. */
  relation?: Record<string, unknown>;
}

const fromMessages = (values: readonly string[], prefix: string) =>
  Object.fromEntries(values.map((v) => [v, (idMessages as Record<string, string>)[`${prefix}${v}`] ?? v]));

const ORDER_HINT = 'Angka kecil tampil lebih dulu.';
const DATE_HINT = 'Tanggal isi halaman ini terakhir diperiksa.';
const EMPTY_HIDDEN = 'Kosongkan bila belum ada angka resmi: kolom kosong tidak ditampilkan di situs.';

export const fieldUi: Record<string, Record<string, FieldUi>> = {
  pages: {
    title: { label: 'Judul halaman', i18n: 'translate' },
    description: { label: 'Ringkasan untuk mesin pencari dan pratinjau tautan', i18n: 'translate', multiline: true },
    slug: {
      label: 'Alamat halaman (URL)',
      hint: 'Huruf kecil dan tanda minus, misalnya persyaratan. Mengubahnya memutus tautan lama.',
      i18n: 'translate',
    },
    updated: { label: 'Tanggal diperbarui', hint: DATE_HINT, i18n: 'duplicate' },
    order: { label: 'Urutan', hint: ORDER_HINT, i18n: 'duplicate' },
    nav: { label: 'Tampilkan di menu utama', i18n: 'duplicate' },
    navTitle: { label: 'Judul singkat di menu', hint: 'Boleh kosong: judul halaman yang dipakai.', i18n: 'translate' },
    share: { label: 'Tampilkan tombol bagikan lewat WhatsApp', i18n: 'duplicate' },
  },
  destinations: {
    name: { label: 'Nama negara atau kawasan', i18n: 'translate' },
    region: { label: 'Kawasan', i18n: 'duplicate', optionLabels: fromMessages(regionValues, 'region.') },
    summary: { label: 'Ringkasan', i18n: 'translate', multiline: true },
    languages: { label: 'Bahasa yang perlu dikuasai', i18n: 'translate' },
    sectors: { label: 'Contoh bidang kerja', hint: 'Hanya bidang yang disebut sumber resmi.', i18n: 'translate' },
    payMin: { label: 'Gaji terendah (juta rupiah per bulan)', hint: EMPTY_HIDDEN, i18n: 'duplicate' },
    payMax: { label: 'Gaji tertinggi (juta rupiah per bulan)', hint: EMPTY_HIDDEN, i18n: 'duplicate' },
    trainingMonths: { label: 'Lama pelatihan bahasa', hint: `Misalnya "4–6 bulan". ${EMPTY_HIDDEN}`, i18n: 'translate' },
    notes: { label: 'Catatan', i18n: 'translate', multiline: true },
    order: { label: 'Urutan', hint: ORDER_HINT, i18n: 'duplicate' },
    updated: { label: 'Tanggal diperbarui', hint: DATE_HINT, i18n: 'duplicate' },
  },
  vacancies: {
    position: { label: 'Jabatan', i18n: 'translate' },
    destination: {
      label: 'Negara tujuan',
      i18n: 'duplicate',
      relation: { collection: 'destinations', value_field: '{{slug}}', search_fields: ['name'], display_fields: ['name'] },
    },
    sector: {
      label: 'Bidang kerja',
      i18n: 'duplicate',
      relation: {
        collection: 'settings',
        file: 'site',
        value_field: 'registration.sectors.*.slug',
        search_fields: ['registration.sectors.*.id'],
        display_fields: ['registration.sectors.*.id'],
      },
    },
    company: {
      label: 'Perusahaan penempatan (P3MI)',
      hint: 'Pilih dari daftar perusahaan. Belum ada? Tambahkan dulu di "Perusahaan penempatan". Lowongan tampil hanya selama perusahaannya aktif dan izinnya berlaku.',
      i18n: 'duplicate',
      relation: {
        collection: 'companies',
        value_field: '{{slug}}',
        search_fields: ['name', 'licenceNumber'],
        display_fields: ['name', 'licenceNumber'],
      },
    },
    sipNumber: { label: 'Nomor SIP (Surat Izin Perekrutan)', hint: 'Salin dari SISKOP2MI.', i18n: 'duplicate' },
    sipValidUntil: {
      label: 'SIP berlaku sampai',
      hint: 'Setelah tanggal ini lowongan hilang dari situs dengan sendirinya.',
      i18n: 'duplicate',
    },
    quota: { label: 'Jumlah yang dibutuhkan (kuota)', i18n: 'duplicate' },
    requirements: { label: 'Persyaratan', hint: 'Satu persyaratan per baris.', i18n: 'translate' },
    payMin: { label: 'Gaji terendah (juta rupiah per bulan)', hint: EMPTY_HIDDEN, i18n: 'duplicate' },
    payMax: { label: 'Gaji tertinggi (juta rupiah per bulan)', hint: EMPTY_HIDDEN, i18n: 'duplicate' },
    trainingMonths: { label: 'Lama pelatihan bahasa', i18n: 'translate' },
    updated: { label: 'Tanggal diperbarui', hint: DATE_HINT, i18n: 'duplicate' },
  },
  companies: {
    name: { label: 'Nama perusahaan', hint: 'Persis seperti di izin (SIP3MI), misalnya "PT Contoh Jaya".', i18n: 'duplicate' },
    licenceNumber: { label: 'Nomor izin SIP3MI', hint: 'Salin dari surat izin atau SISKOP2MI.', i18n: 'duplicate' },
    licenceIssued: { label: 'Izin terbit', i18n: 'duplicate' },
    licenceValidUntil: {
      label: 'Izin berlaku sampai',
      hint: 'Setelah tanggal ini perusahaan dan lowongannya hilang dari situs dengan sendirinya.',
      i18n: 'duplicate',
    },
    headOffice: { label: 'Alamat kantor pusat', i18n: 'duplicate', multiline: true },
    // A list of objects can only be per language in Decap; an English entry without it takes the Indonesian list.
    branches: { label: 'Kantor cabang', hint: 'Hanya cabang yang berizin. Boleh kosong.', i18n: 'translate' },
    'branches.city': { label: 'Kota', i18n: 'duplicate' },
    'branches.address': { label: 'Alamat', i18n: 'duplicate' },
    status: {
      label: 'Status izin',
      hint: 'Sesuai sumber resmi saat diperiksa. Selain "Aktif", lowongan perusahaan ini tidak tampil.',
      i18n: 'duplicate',
      optionLabels: { aktif: 'Aktif', 'dihentikan-sementara': 'Dihentikan sementara (skorsing)', dicabut: 'Izin dicabut' },
    },
    stoppedFrom: { label: 'Dihentikan sejak', hint: 'Isi bila status "Dihentikan sementara".', i18n: 'duplicate' },
    stoppedUntil: { label: 'Dihentikan sampai', hint: 'Isi bila status "Dihentikan sementara".', i18n: 'duplicate' },
    stoppedDecree: { label: 'Nomor keputusan penghentian', hint: 'Keputusan Direktur Jenderal: nomor dan tanggalnya.', i18n: 'duplicate' },
    stoppedScope: {
      label: 'Kegiatan yang dihentikan',
      i18n: 'duplicate',
      optionLabels: { semua: 'Semua kegiatan', sebagian: 'Sebagian kegiatan' },
    },
    revokedOn: { label: 'Izin dicabut pada', hint: 'Isi bila status "Izin dicabut".', i18n: 'duplicate' },
    revokedDecree: { label: 'Nomor keputusan pencabutan', i18n: 'duplicate' },
    source: {
      label: 'Sumber resmi yang diperiksa',
      hint: 'Alamat halaman perusahaan ini di sumber resmi (SISKOP2MI/KP2MI), diawali https://.',
      i18n: 'duplicate',
    },
    checkedOn: {
      label: 'Diperiksa petugas pada',
      hint: 'Tanggal terakhir petugas mencocokkan data ini dengan sumber resmi. Lewat 90 hari, situs meminta pemeriksaan ulang.',
      i18n: 'duplicate',
    },
    notes: { label: 'Catatan (opsional)', i18n: 'translate', multiline: true },
  },
  faq: {
    question: { label: 'Pertanyaan', i18n: 'translate' },
    answer: { label: 'Jawaban', i18n: 'translate', multiline: true },
    category: { label: 'Kelompok', i18n: 'duplicate', optionLabels: fromMessages(faqCategoryValues, 'faq.category.') },
    order: { label: 'Urutan dalam kelompok', hint: ORDER_HINT, i18n: 'duplicate' },
  },
  announcements: {
    title: { label: 'Judul', i18n: 'translate' },
    date: { label: 'Tanggal pengumuman', i18n: 'duplicate' },
    summary: { label: 'Ringkasan', i18n: 'translate', multiline: true },
    sourceUrl: { label: 'Tautan sumber asli', hint: 'Boleh kosong. Harus diawali https://', i18n: 'duplicate' },
    sourceName: { label: 'Nama sumber', hint: 'Misalnya serangkota.go.id', i18n: 'duplicate' },
  },
  settings: {
    registration: { label: 'Pendaftaran minat' },
    'registration.dailyLimit': {
      label: 'Batas pendaftaran per hari',
      hint: 'Jumlah pendaftaran yang diterima dalam satu hari (WIB). Lewat dari itu, formulir menyatakan pendaftaran hari ini penuh dan tidak menyimpan apa pun. Kosong: tanpa batas. Saran: lihat docs/launch.md.',
    },
    'registration.open': {
      label: 'Pendaftaran dibuka',
      hint: 'Matikan untuk menutup formulir. Orang yang membuka formulir akan melihat pesan penutupan di bawah.',
    },
    'registration.closedMessage': { label: 'Pesan saat pendaftaran ditutup' },
    'registration.nextSteps': { label: 'Langkah berikutnya (tampil setelah orang mendaftar)' },
    'registration.sectors': {
      label: 'Bidang kerja di formulir',
      hint: 'Slug disimpan di data pendaftaran: jangan ubah slug yang sudah dipakai.',
    },
    'registration.sectors.slug': { label: 'Slug (kode)' },
    'registration.sectors.id': { label: 'Nama (Bahasa Indonesia)' },
    'registration.sectors.en': { label: 'Nama (English)' },
    'registration.rules': { label: 'Syarat mendaftar', hint: 'Dipakai formulir pendaftaran dan halaman cek kelayakan.' },
    'registration.rules.minAge': { label: 'Usia minimal (tahun)' },
    'registration.rules.minEducation': {
      label: 'Pendidikan minimal',
      optionLabels: Object.fromEntries(educationLevels.map((e) => [e.value, e.id])),
    },
    'registration.rules.educationExemptSectors': {
      label: 'Bidang tanpa syarat pendidikan minimal',
      hint: 'Slug bidang kerja, misalnya perkebunan.',
    },
    program: { label: 'Angka program (dari artikel resmi)' },
    'program.payMinJuta': { label: 'Gaji terendah (juta rupiah)' },
    'program.payMaxJuta': { label: 'Gaji tertinggi (juta rupiah)' },
    'program.trainingMonthsMin': { label: 'Pelatihan bahasa paling singkat (bulan)' },
    'program.trainingMonthsMax': { label: 'Pelatihan bahasa paling lama (bulan)' },
    'program.jobSeekersPerYear': { label: 'Pencari kerja baru per tahun' },
    'program.mouDate': { label: 'Tanggal penandatanganan MoU' },
    contact: { label: 'Kontak bantuan', hint: 'Kolom kosong tidak ditampilkan. Isi hanya nomor dan alamat resmi.' },
    'contact.office': { label: 'Nama kantor' },
    'contact.address': { label: 'Alamat kantor', multiline: true },
    'contact.phone': { label: 'Telepon', hint: 'Misalnya 0254 123456.' },
    'contact.whatsapp': { label: 'WhatsApp resmi', hint: 'Misalnya 0812 3456 7890.' },
    'contact.email': { label: 'Email resmi' },
    'contact.hours': { label: 'Jam layanan' },
    reporting: {
      label: 'Saluran pengaduan nasional (KP2MI)',
      hint: 'Tampil di halaman Waspada penipuan. Isi hanya nomor yang sudah diperiksa dari sumber resmi KP2MI.',
    },
    'reporting.hotline': { label: 'Nomor pengaduan (hotline) KP2MI' },
    'reporting.whatsapp': { label: 'WhatsApp pengaduan KP2MI' },
    'reporting.website': { label: 'Alamat situs pengaduan atau SISKOP2MI', hint: 'Diawali https://' },
    glossary: {
      label: 'Daftar istilah (halaman Tanya jawab)',
      hint: 'Singkatan dan istilah yang dipakai situs, dijelaskan dengan kalimat sederhana.',
    },
    'glossary.term': { label: 'Istilah' },
    'glossary.id': { label: 'Penjelasan (Bahasa Indonesia)', multiline: true },
    'glossary.en': { label: 'Penjelasan (English)', multiline: true },
    applicantStatus: {
      label: 'Status pendaftar (cek status dan halaman tahapan)',
      hint: 'Teks yang dilihat pendaftar untuk setiap status di Airtable. Urutan daftar = urutan tahapan. Jangan menulis lama waktu yang belum diumumkan resmi.',
    },
    'applicantStatus.stages': { label: 'Tahapan' },
    'applicantStatus.stages.status': { label: 'Status di Airtable' },
    'applicantStatus.stages.title': { label: 'Nama tahap (yang dilihat pendaftar)' },
    'applicantStatus.stages.meaning': { label: 'Artinya', multiline: true },
    'applicantStatus.stages.todo': { label: 'Yang perlu dilakukan pendaftar', multiline: true },
    'applicantStatus.stages.next': { label: 'Berikutnya', hint: 'Boleh kosong untuk tahap terakhir.', multiline: true },
    privacy: {
      label: 'Pelindungan data pribadi (UU PDP)',
      hint: 'Fakta yang tampil di halaman Pemberitahuan privasi. Kolom kosong tidak ditampilkan; isi sebelum peluncuran (npm run check:launch).',
    },
    'privacy.controller': { label: 'Pengendali data pribadi' },
    'privacy.controller.name': { label: 'Nama pengendali' },
    'privacy.controller.address': { label: 'Alamat pengendali', multiline: true },
    'privacy.controller.email': { label: 'Email untuk permintaan data pribadi' },
    'privacy.controller.phone': { label: 'Telepon untuk permintaan data pribadi' },
    'privacy.officer': { label: 'Pejabat pelindungan data pribadi (Pasal 53 UU PDP)' },
    'privacy.officer.name': { label: 'Nama atau jabatan' },
    'privacy.officer.email': { label: 'Email' },
    'privacy.officer.phone': { label: 'Telepon' },
    'privacy.apjatiRole': {
      label: 'Peran APJATI atas data pendaftar',
      hint: 'Keputusan Pemkot Serang (lihat docs/launch.md). Tampil di pemberitahuan privasi. Kosong: pemberitahuan menyebut peran ini belum ditetapkan, dan situs resmi tidak menerima pendaftaran.',
      optionLabels: {
        'pengendali-bersama': 'Pengendali bersama dengan Pemkot Serang (Pasal 18 UU PDP)',
        penerima: 'Penerima data, yang menjadi pengendali atas salinan yang diterimanya',
      },
    },
    'privacy.apjatiContact': {
      label: 'Kontak APJATI untuk urusan data pribadi',
      hint: 'Boleh kosong. Isi hanya kontak yang sudah dipastikan APJATI. Tampil di pemberitahuan privasi di bawah peran APJATI; kolom kosong tidak ditampilkan.',
    },
    'privacy.apjatiContact.address': { label: 'Alamat APJATI', multiline: true },
    'privacy.apjatiContact.email': { label: 'Email APJATI' },
    'privacy.apjatiContact.phone': { label: 'Telepon APJATI' },
    'privacy.retentionMonths': {
      label: 'Lama penyimpanan (bulan)',
      hint: 'Satu aturan untuk semua status: setiap pendaftaran dihapus otomatis sekian bulan setelah terakhir diubah. Paling sedikit 12. Kosong: tidak ada penghapusan otomatis (pendaftaran tetap tertutup di situs resmi).',
    },
    'privacy.recipients': { label: 'Penerima data' },
    'privacy.processors': { label: 'Pemroses data dan negaranya' },
    'privacy.processors.name': { label: 'Nama layanan' },
    'privacy.processors.role': { label: 'Untuk apa' },
    'privacy.processors.country': { label: 'Negara tempat data disimpan' },
    'privacy.consent': {
      label: 'Teks persetujuan di formulir',
      hint: 'Setiap perubahan teks ini membuat versi persetujuan baru, yang dicatat pada setiap pendaftaran.',
    },
    'privacy.consent.summary': { label: 'Ringkasan di atas kotak persetujuan', multiline: true },
    'privacy.consent.label': { label: 'Kalimat di samping kotak centang' },
    programStatus: {
      label: 'Keadaan program terkini',
      hint: 'Yang sudah dipastikan petugas sejak pengumuman 8 Desember 2025, misalnya "Seleksi tahap pertama dimulai 3 Maret 2026". Tampil di beranda dan halaman Jadwal. Kosong: tidak ditampilkan.',
    },
    'programStatus.text': { label: 'Keadaan program', multiline: true },
    'programStatus.updated': { label: 'Tanggal dipastikan' },
    figures: {
      label: 'Halaman angka program',
      hint: 'Halaman publik /angka/ berisi jumlah pendaftaran, dihitung setiap hari dari Airtable. Angka di bawah 10 tidak ditampilkan.',
    },
    'figures.publish': {
      label: 'Terbitkan halaman angka',
      hint: 'Matikan: halaman tidak dibuat dan tidak ada tautan ke sana. Nyalakan: halaman tampil di menu dan beranda setelah situs dibangun ulang; angka pertama muncul beberapa menit kemudian, lalu dihitung ulang setiap hari mulai pukul 00.00 WIB.',
    },
    source: { label: 'Sumber resmi program' },
    'source.title': { label: 'Judul artikel' },
    'source.publisher': { label: 'Penerbit' },
    'source.url': {
      label: 'Tautan artikel',
      hint: 'Alamat artikel itu sendiri, bukan beranda serangkota.go.id. Kosong sampai alamatnya diperiksa.',
    },
    'source.date': { label: 'Tanggal terbit' },
  },
};

/** Labels for the two languages inside settings' {id, en} pairs. */
export const localeFieldUi: Record<string, FieldUi> = {
  id: { label: 'Bahasa Indonesia' },
  en: { label: 'English' },
};
