import { homePath, type Locale } from '../i18n';

// URL segments per language. Pure data so the registration function can build its redirects from it too.
export const sections = {
  destinations: { id: 'tujuan', en: 'destinations' },
  faq: { id: 'tanya-jawab', en: 'faq' },
  announcements: { id: 'pengumuman', en: 'announcements' },
  vacancies: { id: 'lowongan', en: 'vacancies' },
  companies: { id: 'perusahaan', en: 'companies' },
  vacanciesByDestination: { id: 'lowongan/tujuan', en: 'vacancies/destination' },
  vacanciesBySector: { id: 'lowongan/bidang', en: 'vacancies/sector' },
  eligibility: { id: 'cek-kelayakan', en: 'eligibility-check' },
  search: { id: 'cari', en: 'search' },
  register: { id: 'daftar', en: 'register' },
  registerThanks: { id: 'daftar/terima-kasih', en: 'register/thank-you' },
  status: { id: 'cek-status', en: 'check-status' },
  stages: { id: 'tahapan', en: 'stages' },
  poster: { id: 'poster', en: 'poster' },
  /** The selection invitation letter (the owner's link: ?ref=&t=); its calendar file beside it. */
  invitation: { id: 'daftar/undangan', en: 'register/invitation' },
  verifyLetter: { id: 'cek-surat', en: 'verify-letter' },
  /** Served by netlify/functions/figures.ts (its config.path lists these literally), built only while published. */
  figures: { id: 'angka', en: 'figures' },
} as const satisfies Record<string, Record<Locale, string>>;

type Section = keyof typeof sections;

/** A site path in `lang`, with a trailing slash: pathFor('en', 'a', 'b') → '/en/a/b/'. */
export function pathFor(lang: Locale, ...segments: string[]): string {
  const parts = segments.filter(Boolean);
  const prefix = homePath(lang);
  return parts.length ? `${prefix}${parts.join('/')}/` : prefix;
}

export function sectionPath(lang: Locale, section: Section, ...rest: string[]): string {
  return pathFor(lang, sections[section][lang], ...rest);
}

/** The invitation's calendar file, beside its letter: /daftar/undangan/undangan-seleksi.ics. */
export const invitationCalendarPath = (lang: Locale) => `${sectionPath(lang, 'invitation')}${lang === 'en' ? 'selection' : 'undangan-seleksi'}.ics`;

// The language's home is the prefix of every path above: one rule, kept with the languages.
export { homePath };
