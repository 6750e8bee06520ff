import type { CollectionEntry } from 'astro:content';

import { type Locale, locales, type MessageKey,t } from '../i18n';
import { companiesIn } from './companies';
import { byDateDesc, byOrder, entriesIn, entryKey, getSettings } from './entries';
import { homePath, pathFor, sectionPath, sections } from './paths';
import { activeVacancies } from './vacancies';

// Every page of the site in both languages, built from content. The catch-all route renders these, the
// language switch and hreflang use `alternates`, and the build test checks the sitemap against them.

export interface Crumb {
  label: string;
  href: string;
}

type View =
  | { kind: 'home' }
  | { kind: 'page'; entry: CollectionEntry<'pages'> }
  | { kind: 'destinations'; entries: CollectionEntry<'destinations'>[] }
  | { kind: 'destination'; entry: CollectionEntry<'destinations'> }
  | { kind: 'faq'; entries: CollectionEntry<'faq'>[] }
  | { kind: 'announcements'; entries: CollectionEntry<'announcements'>[] }
  | { kind: 'announcement'; entry: CollectionEntry<'announcements'> }
  | { kind: 'vacancies'; entries: CollectionEntry<'vacancies'>[]; facets: VacancyFacets; filter?: { by: 'destination' | 'sector'; value: string } }
  | { kind: 'vacancy'; entry: CollectionEntry<'vacancies'>; names: Names }
  | { kind: 'companies'; entries: CollectionEntry<'companies'>[] }
  | { kind: 'company'; entry: CollectionEntry<'companies'>; vacancies: CollectionEntry<'vacancies'>[]; names: Names }
  | { kind: 'eligibility' }
  | { kind: 'search' }
  | { kind: 'status' }
  | { kind: 'stages' }
  | { kind: 'verifyLetter' }
  | { kind: 'figures' }
  | { kind: 'poster'; vacancy?: CollectionEntry<'vacancies'>; names?: Names; target: string }
  | { kind: 'register'; vacancy?: CollectionEntry<'vacancies'> };

/** Display names of destinations and sectors in one language, by key. */
export interface Names {
  destinations: Record<string, string>;
  sectors: Record<string, string>;
  /** Company names from the register, by key. */
  companies: Record<string, string>;
}

/** The filter pages that exist (a value with at least one vacancy), with counts, for the filter menu. */
export interface VacancyFacets {
  names: Names;
  destinations: { value: string; count: number }[];
  sectors: { value: string; count: number }[];
}

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
  routes.push(
    ...listWithEntries(lang, home, ['destinations', 'destinations.title', 'destinations.description'], { kind: 'destinations', entries: destinations }, destinations, (entry) => ({
      key: `destination:${entryKey(entry)}`,
      title: entry.data.name,
      description: entry.data.summary,
      view: { kind: 'destination', entry },
    })),
  );

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
  routes.push(
    ...listWithEntries(lang, home, ['announcements', 'announcements.title', 'announcements.description'], { kind: 'announcements', entries: announcements }, announcements, (entry) => ({
      key: `announcement:${entryKey(entry)}`,
      title: entry.data.title,
      description: entry.data.summary,
      view: { kind: 'announcement', entry },
    })),
  );
  routes.push({
    key: 'register',
    lang,
    path: sectionPath(lang, 'register'),
    title: t(lang, 'reg.title'),
    description: t(lang, 'reg.description'),
    crumbs: [home],
    view: { kind: 'register' },
  });
  routes.push(...(await vacancyRoutes(lang, home)));
  const companies = await companiesIn(lang);
  const [vacancies, names] = [await activeVacancies(lang), await namesIn(lang)];
  routes.push(
    ...listWithEntries(lang, home, ['companies', 'companies.title', 'companies.description'], { kind: 'companies', entries: companies }, companies, (entry) => ({
      key: `company:${entryKey(entry)}`,
      title: entry.data.name,
      description: `${t(lang, 'company.licence')} ${entry.data.licenceNumber} · ${t(lang, `company.status.${entry.data.status}`)}`,
      view: { kind: 'company', entry, vacancies: vacancies.filter((v) => v.data.company === entryKey(entry)), names },
    })),
  );
  const tools = [
    { kind: 'eligibility', title: t(lang, 'eligibility.title'), description: t(lang, 'eligibility.description') },
    { kind: 'search', title: t(lang, 'search.title'), description: t(lang, 'search.description') },
    { kind: 'status', title: t(lang, 'status.title'), description: t(lang, 'status.description') },
    { kind: 'stages', title: t(lang, 'stages.title'), description: t(lang, 'stages.description') },
    { kind: 'verifyLetter', title: t(lang, 'verify.title'), description: t(lang, 'verify.description') },
  ] as const;
  for (const { kind, title, description } of tools) {
    routes.push({ key: kind, lang, path: sectionPath(lang, kind), title, description, crumbs: [home], view: { kind } });
  }
  // The figures page exists only while staff publish it (settings → figures.publish); on Netlify its
  // function answers at the same address with the day's figures (netlify/functions/figures.ts).
  if ((await getSettings()).figures.publish) {
    routes.push({
      key: 'figures',
      lang,
      path: sectionPath(lang, 'figures'),
      title: t(lang, 'figures.title'),
      description: t(lang, 'figures.description'),
      crumbs: [home],
      view: { kind: 'figures' },
    });
  }
  routes.push({
    key: 'poster',
    lang,
    path: sectionPath(lang, 'poster'),
    title: t(lang, 'poster.title'),
    description: t(lang, 'poster.description'),
    crumbs: [home],
    view: { kind: 'poster', target: homePath(lang) },
  });
  return routes;
}

/** A section's list page and one page per entry under it, e.g. /tujuan/ and /tujuan/jepang/. */
function listWithEntries<E extends { id: string }>(
  lang: Locale,
  home: Crumb,
  [section, title, description]: ['destinations' | 'announcements' | 'companies', MessageKey, MessageKey],
  listView: View,
  entries: E[],
  page: (entry: E) => Pick<Draft, 'key' | 'title' | 'description' | 'view'>,
): Draft[] {
  const list: Crumb = { label: t(lang, title), href: sectionPath(lang, section) };
  return [
    { key: section, lang, path: list.href, title: list.label, description: t(lang, description), crumbs: [home], view: listView },
    ...entries.map((entry) => ({ ...page(entry), lang, path: sectionPath(lang, section, entryKey(entry)), crumbs: [home, list] })),
  ];
}

async function namesIn(lang: Locale): Promise<Names> {
  const settings = await getSettings();
  const [own, id] = await Promise.all([entriesIn('destinations', lang), entriesIn('destinations', 'id')]);
  return {
    destinations: Object.fromEntries([...id, ...own].map((d) => [entryKey(d), d.data.name])),
    sectors: Object.fromEntries(settings.registration.sectors.map((x) => [x.slug, x[lang]])),
    companies: Object.fromEntries((await companiesIn(lang)).map((c) => [entryKey(c), c.data.name])),
  };
}

function countBy(entries: CollectionEntry<'vacancies'>[], field: 'destination' | 'sector') {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.data[field], (counts.get(e.data[field]) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

/** The list, one static page per destination and per sector that has vacancies, and each vacancy. */
async function vacancyRoutes(lang: Locale, home: Crumb): Promise<Draft[]> {
  const entries = await activeVacancies(lang);
  const names = await namesIn(lang);
  const facets: VacancyFacets = { names, destinations: countBy(entries, 'destination'), sectors: countBy(entries, 'sector') };
  const listCrumb: Crumb = { label: t(lang, 'vacancies.title'), href: sectionPath(lang, 'vacancies') };
  const routes: Draft[] = [
    {
      key: 'vacancies',
      lang,
      path: listCrumb.href,
      title: t(lang, 'vacancies.title'),
      description: t(lang, 'vacancies.description'),
      crumbs: [home],
      view: { kind: 'vacancies', entries, facets },
    },
  ];
  for (const by of ['destination', 'sector'] as const) {
    for (const { value } of by === 'destination' ? facets.destinations : facets.sectors) {
      const name = (by === 'destination' ? names.destinations : names.sectors)[value] ?? value;
      routes.push({
        key: `vacancies:${by}:${value}`,
        lang,
        path: sectionPath(lang, by === 'destination' ? 'vacanciesByDestination' : 'vacanciesBySector', value),
        title: t(lang, `vacancies.filtered.${by}`, { name }),
        description: t(lang, 'vacancies.description'),
        crumbs: [home, listCrumb],
        view: { kind: 'vacancies', entries: entries.filter((e) => e.data[by] === value), facets, filter: { by, value } },
      });
    }
  }
  for (const entry of entries) {
    const path = sectionPath(lang, 'vacancies', entryKey(entry));
    const crumb: Crumb = { label: entry.data.position, href: path };
    routes.push({
      key: `vacancy:${entryKey(entry)}`,
      lang,
      path,
      title: `${entry.data.position} — ${names.companies[entry.data.company] ?? entry.data.company}`,
      description: `${names.destinations[entry.data.destination] ?? ''} · SIP ${entry.data.sipNumber}`,
      crumbs: [home, listCrumb],
      view: { kind: 'vacancy', entry, names },
    });
    routes.push({
      key: `vacancy-register:${entryKey(entry)}`,
      lang,
      path: pathFor(lang, sections.vacancies[lang], entryKey(entry), sections.register[lang]),
      title: `${t(lang, 'reg.title')}: ${entry.data.position}`,
      description: t(lang, 'reg.description'),
      crumbs: [home, listCrumb, crumb],
      view: { kind: 'register', vacancy: entry },
    });
    routes.push({
      key: `vacancy-poster:${entryKey(entry)}`,
      lang,
      path: pathFor(lang, sections.vacancies[lang], entryKey(entry), sections.poster[lang]),
      title: `${t(lang, 'poster.title')}: ${entry.data.position}`,
      description: t(lang, 'poster.description'),
      crumbs: [home, listCrumb, crumb],
      view: { kind: 'poster', vacancy: entry, names, target: path },
    });
  }
  return routes;
}

export async function allRoutes(): Promise<SiteRoute[]> {
  const drafts = (await Promise.all(locales.map(routesIn))).flat();
  const byKey = new Map<string, Partial<Record<Locale, string>>>();
  for (const d of drafts) byKey.set(d.key, { ...byKey.get(d.key), [d.lang]: d.path });
  return drafts.map((d) => ({ ...d, alternates: byKey.get(d.key) ?? {} }));
}

/** The paths of a language's content pages by key (file name), e.g. pagePaths('en').persyaratan → '/en/requirements/'. */
export async function pagePaths(lang: Locale): Promise<Record<string, string>> {
  const entries = await entriesIn('pages', lang);
  return Object.fromEntries(entries.map((e) => [entryKey(e), pathFor(lang, e.data.slug)]));
}
