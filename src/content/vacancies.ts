import type { CollectionEntry } from 'astro:content';

import type { Locale } from '../i18n';
import { todayInSerang } from '../shared/serang-time';
import { companyStandings } from './companies';
import { vacancyProblem } from './company-standing';
import { entriesIn, entryKey } from './entries';

// A vacancy is shown only while its recruitment permit (SIP) is valid — through the whole of its
// "valid until" day, Kota Serang time — and its company is in the register in good standing (active,
// licence valid: src/content/companies.ts). Filtered at build time; the daily scheduled rebuild
// (netlify/functions/rebuild-daily.ts) makes an expiry or a suspension take effect without anyone acting.

/** Vacancies to publish in `lang`, newest permits first. */
export async function activeVacancies(lang: Locale, today = todayInSerang()): Promise<CollectionEntry<'vacancies'>[]> {
  const companies = await companyStandings();
  return (await entriesIn('vacancies', lang))
    .filter((v) => vacancyProblem(v.data, companies, today) === undefined)
    .sort((a, b) => b.data.sipValidUntil.getTime() - a.data.sipValidUntil.getTime() || entryKey(a).localeCompare(entryKey(b)));
}
