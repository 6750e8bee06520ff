import type { CollectionEntry } from 'astro:content';

import type { Locale } from '../i18n';
import { entriesIn, entryKey } from './entries';

// The register of placement companies (P3MI) as the pages read it (rules: company-standing.ts).

/** The register in `lang`, sorted by name (the list people scan for a name). */
export async function companiesIn(lang: Locale): Promise<CollectionEntry<'companies'>[]> {
  return (await entriesIn('companies', lang)).sort((a, b) => a.data.name.localeCompare(b.data.name, 'id') || entryKey(a).localeCompare(entryKey(b)));
}

/** Standing facts by key, from the Indonesian entries (status and dates are the same in both languages). */
export async function companyStandings(): Promise<Map<string, CollectionEntry<'companies'>['data']>> {
  return new Map((await entriesIn('companies', 'id')).map((c) => [entryKey(c), c.data]));
}

