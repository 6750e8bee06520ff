import { SERANG_TIME_ZONE } from '../shared/serang-time';
import en from './en.json';
import id from './id.json';

export const locales = ['id', 'en'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'id';

export type MessageKey = keyof typeof id;
// Both files must have the same keys; test/unit/i18n/messages.test.ts enforces it, this line makes tsc agree.
const messages: Record<Locale, Record<MessageKey, string>> = { id, en };

/** The site's other language: the language switch's target. */
export const otherLocale = (lang: Locale): Locale => (lang === 'id' ? 'en' : 'id');

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The language a request asked for, or the site's default. */
export const localeOr = (value: unknown): Locale => (isLocale(value) ? value : defaultLocale);

/** Where a language's pages live: the default language at the root, the other under /{lang}/. */
export const homePath = (lang: Locale): string => (lang === defaultLocale ? '/' : `/${lang}/`);

/** The language of a site path, by the same rule: /en/… is English, anything else the default. */
export const localeOfPath = (pathname: string): Locale => localeOr(pathname.split('/')[1]);

/** The text for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: SERANG_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: SERANG_TIME_ZONE }),
};

export function formatDate(lang: Locale, date: Date): string {
  return dateFormats[lang].format(date);
}

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: SERANG_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: SERANG_TIME_ZONE }),
};

/** A moment as people in Serang read it (WIB): the receipt's and the status answer's times. */
export function formatDateTime(lang: Locale, ms: number): string {
  return dateTimeFormats[lang].format(ms);
}
