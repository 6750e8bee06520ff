import type { CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n';
import { entriesIn, entryKey } from './entries';
import { todayInSerang } from '../shared/serang-time';

// A vacancy is shown only while its recruitment permit (SIP) is valid: through the whole of its
// "valid until" day, Kota Serang time. Filtered at build time; the daily scheduled rebuild
// (netlify/functions/rebuild-daily.ts) makes an expiry take effect without anyone acting.

const isSipValid = (validUntil: Date, today: string): boolean => validUntil.toISOString().slice(0, 10) >= today;

/** Vacancies to publish in `lang`, soonest-expiring last: newest permits first. */
export async function activeVacancies(lang: Locale, today = todayInSerang()): Promise<CollectionEntry<'vacancies'>[]> {
  return (await entriesIn('vacancies', lang))
    .filter((v) => isSipValid(v.data.sipValidUntil, today))
    .sort((a, b) => b.data.sipValidUntil.getTime() - a.data.sipValidUntil.getTime() || entryKey(a).localeCompare(entryKey(b)));
}
