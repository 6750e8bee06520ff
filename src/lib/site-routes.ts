import type { CollectionEntry } from 'astro:content';
import { locales, t, type Locale } from '../i18n';
import { byDateDesc, byOrder, entriesIn, entryKey } from './content';
import { homePath, pathFor, sectionPath } from './paths';

// Every page of the site in both languages, built from content. The catch-all route renders these, the
// language switch and hreflang use `alternates`, and the build test checks the sitemap against them.

export interface Crumb {
  label: string;
  href: string;
}

export type View =
  | { kind: 'home' }
  | { kind: 'page'; entry: CollectionEntry<'pages'> }
  | { kind: 'destinations'; entries: CollectionEntry<'destinations'>[] }
  | { kind: 'destination'; entry: CollectionEntry<'destinations'> }
  | { kind: 'faq'; entries: CollectionEntry<'faq'>[] }
  | { kind: 'announcements'; entries: CollectionEntry<'announcements'>[] }
  | { kind: 'announcement'; entry: CollectionEntry<'announcements'> }
  | { kind: 'register' };

export interface SiteRoute {
  /** Same in both languages for the same page. */
  key: string;
  lang: Locale;
  path: string;
  title: string;
  description: string;
  crumbs: Crumb[];
  view: View;
  alternates: Partial<Record<Locale, string>>;
}

type Draft = Omit<SiteRoute, 'alternates'>;

async function routesIn(lang: Locale): Promise<Draft[]> {
  const home: Crumb = { label: t(lang, 'nav.home'), href: homePath(lang) };
  const routes: Draft[] = [
    {
      key: 'home',
      lang,
      path: homePath(lang),
      title: t(lang, 'home.title'),
      description: t(lang, 'home.lead'),
      crumbs: [],
      view: { kind: 'home' },
    },
  ];

  for (const entry of (await entriesIn('pages', lang)).sort(byOrder)) {
    routes.push({
      key: `page:${entryKey(entry)}`,
      lang,
      path: pathFor(lang, entry.data.slug),
      title: entry.data.title,
      description: entry.data.description,
      crumbs: [home],
      view: { kind: 'page', entry },
    });
  }

  const destinations = (await entriesIn('destinations', lang)).sort(byOrder);
  const destinationsCrumb: Crumb = { label: t(lang, 'destinations.title'), href: sectionPath(lang, 'destinations') };
  routes.push({
    key: 'destinations',
    lang,
    path: destinationsCrumb.href,
    title: t(lang, 'destinations.title'),
    description: t(lang, 'destinations.description'),
    crumbs: [home],
    view: { kind: 'destinations', entries: destinations },
  });
  for (const entry of destinations) {
    routes.push({
      key: `destination:${entryKey(entry)}`,
      lang,
      path: sectionPath(lang, 'destinations', entryKey(entry)),
      title: entry.data.name,
      description: entry.data.summary,
      crumbs: [home, destinationsCrumb],
      view: { kind: 'destination', entry },
    });
  }

  routes.push({
    key: 'faq',
    lang,
    path: sectionPath(lang, 'faq'),
    title: t(lang, 'faq.title'),
    description: t(lang, 'faq.description'),
    crumbs: [home],
    view: { kind: 'faq', entries: (await entriesIn('faq', lang)).sort(byOrder) },
  });

  const announcements = (await entriesIn('announcements', lang)).sort(byDateDesc);
  const announcementsCrumb: Crumb = {
    label: t(lang, 'announcements.title'),
    href: sectionPath(lang, 'announcements'),
  };
  routes.push({
    key: 'announcements',
    lang,
    path: announcementsCrumb.href,
    title: t(lang, 'announcements.title'),
    description: t(lang, 'announcements.description'),
    crumbs: [home],
    view: { kind: 'announcements', entries: announcements },
  });
  for (const entry of announcements) {
    routes.push({
      key: `announcement:${entryKey(entry)}`,
      lang,
      path: sectionPath(lang, 'announcements', entryKey(entry)),
      title: entry.data.title,
      description: entry.data.summary,
      crumbs: [home, announcementsCrumb],
      view: { kind: 'announcement', entry },
    });
  }
  routes.push({
    key: 'register',
    lang,
    path: sectionPath(lang, 'register'),
    title: t(lang, 'reg.title'),
    description: t(lang, 'reg.description'),
    crumbs: [home],
    view: { kind: 'register' },
  });
  return routes;
}

export async function allRoutes(): Promise<SiteRoute[]> {
  const drafts = (await Promise.all(locales.map(routesIn))).flat();
  const byKey = new Map<string, Partial<Record<Locale, string>>>();
  for (const d of drafts) byKey.set(d.key, { ...byKey.get(d.key), [d.lang]: d.path });
  return drafts.map((d) => ({ ...d, alternates: byKey.get(d.key) ?? {} }));
}

/** The path of a content page by its key (file name), e.g. pagePath('en', 'persyaratan') → '/en/requirements/'. */
export async function pagePaths(lang: Locale): Promise<Record<string, string>> {
  const entries = await entriesIn('pages', lang);
  return Object.fromEntries(entries.map((e) => [entryKey(e), pathFor(lang, e.data.slug)]));
}
