import { type CollectionEntry,getCollection, getEntry } from 'astro:content';

import type { Locale } from '../i18n';

// Entries live in content/<collection>/<locale>/<key>.<ext>; the key pairs translations.
function entryLocale(entry: { id: string }): Locale {
  return entry.id.startsWith('en/') ? 'en' : 'id';
}
export function entryKey(entry: { id: string }): string {
  return entry.id.slice(entry.id.indexOf('/') + 1);
}

type Localized = 'pages' | 'destinations' | 'faq' | 'announcements' | 'vacancies' | 'companies';

export async function entriesIn<C extends Localized>(collection: C, lang: Locale): Promise<CollectionEntry<C>[]> {
  const all = (await getCollection(collection)) as CollectionEntry<C>[];
  return all.filter((entry) => entryLocale(entry) === lang);
}

export async function getSettings() {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yaml tidak ditemukan');
  return entry.data;
}

export const byOrder = (a: { data: { order: number } }, b: { data: { order: number } }) => a.data.order - b.data.order;
export const byDateDesc = (a: { data: { date: Date } }, b: { data: { date: Date } }) =>
  b.data.date.getTime() - a.data.date.getTime();
