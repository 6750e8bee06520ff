import rss from '@astrojs/rss';

import { type Locale,t } from '../i18n';
import { byDateDesc, entriesIn, entryKey } from './entries';
import { sectionPath } from './paths';

export async function announcementsFeed(lang: Locale, site: URL | undefined): Promise<Response> {
  const entries = (await entriesIn('announcements', lang)).sort(byDateDesc);
  return rss({
    title: `${t(lang, 'announcements.title')} — ${t(lang, 'site.name')}`,
    description: t(lang, 'announcements.description'),
    site: site ?? 'http://localhost:4321',
    customData: `<language>${lang}</language>`,
    items: entries.map((e) => ({
      title: e.data.title,
      pubDate: e.data.date,
      description: e.data.summary,
      link: sectionPath(lang, 'announcements', entryKey(e)),
    })),
  });
}
