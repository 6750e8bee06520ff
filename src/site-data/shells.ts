import { homePath, sectionPath } from '../content/paths';
import type { Crumb } from '../content/routes';
import { type Locale, locales, t } from '../i18n';

// The function pages: each gets a shell (a full page of the site with SHELL_SLOTS where the answer goes),
// built by Astro at /site-data/<name>-<lang>/ (a path segment "id" would trip Astro's i18n routing) and taken out of the published site by the integration.

const shellNames = ['register', 'receipt', 'eligibilityResult', 'statusResult', 'letter', 'letterVerify'] as const;
export type ShellName = (typeof shellNames)[number];

export interface ShellPage {
  name: ShellName;
  lang: Locale;
  /** Where Astro builds it; never published. */
  path: string;
  /** The page's own name: breadcrumb and, after the function's prefix, the document title. */
  title: string;
  crumbs: Crumb[];
  /** The registration form's script: the form with errors and the receipt's and the letter's print buttons use it. */
  formScript: boolean;
  /** The complaint channels (settings → reporting) under the answer: the letter verification's. */
  reportChannels?: boolean;
  /** The answer may show a selection invitation or a letter's verdict (src/styles/invitation.css). */
  invitationStyles?: boolean;
}

export const SHELL_ROOT = 'site-data';

/**
 * The figures page's shell: the page itself (src/components/views/FiguresView.astro), built here as
 * well as at its own address while staff publish it, and only then (the site-data integration reads
 * it when it exists). Its canonical address and menu are the page's, not this one's.
 */
export const figuresShellPath = (lang: Locale) => `/${SHELL_ROOT}/figures-${lang}/`;

export function shellPages(): ShellPage[] {
  return locales.flatMap((lang) => {
    const home: Crumb = { label: t(lang, 'nav.home'), href: homePath(lang) };
    const register: Crumb = { label: t(lang, 'reg.title'), href: sectionPath(lang, 'register') };
    const eligibility: Crumb = { label: t(lang, 'eligibility.title'), href: sectionPath(lang, 'eligibility') };
    const pages: Record<ShellName, Omit<ShellPage, 'name' | 'lang' | 'path'>> = {
      register: { title: t(lang, 'reg.title'), crumbs: [home], formScript: true },
      receipt: { title: t(lang, 'reg.receipt.crumb'), crumbs: [home, register], formScript: true, invitationStyles: true },
      eligibilityResult: { title: t(lang, 'eligibility.result.title'), crumbs: [home, eligibility], formScript: false },
      statusResult: { title: t(lang, 'status.title'), crumbs: [home], formScript: false, invitationStyles: true },
      letter: { title: t(lang, 'letter.crumb'), crumbs: [home, register], formScript: true, invitationStyles: true },
      letterVerify: { title: t(lang, 'verify.title'), crumbs: [home], formScript: false, reportChannels: true, invitationStyles: true },
    };
    return shellNames.map((name) => ({ name, lang, path: `/${SHELL_ROOT}/${name}-${lang}/`, ...pages[name] }));
  });
}
