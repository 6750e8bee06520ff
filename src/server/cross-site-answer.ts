import { homePath, type Locale, otherLocale, t } from '../i18n';
import { esc } from '../shared/html';
import { json, page, plain } from './respond';

/** The 403 for a post from another site: a page in the person's language when a shell is at hand, JSON for scripts. */
export function crossSiteAnswer(req: Request, lang: Locale, shell: string | undefined): Response {
  if (
    (req.headers.get('accept') ?? '').includes('application/json') ||
    (req.headers.get('content-type') ?? '').includes('application/json')
  ) {
    return json(403, { error: t(lang, 'crossSite.text') });
  }
  if (!shell) return plain(403, lang, 'crossSite.text');
  const content = `<h1>${esc(t(lang, 'crossSite.title'))}</h1><p class="lead">${esc(t(lang, 'crossSite.text'))}</p><p><a href="${homePath(lang)}">${esc(t(lang, 'crossSite.home'))}</a></p>`;
  return page(shell, 403, { content, titlePrefix: `${t(lang, 'crossSite.title')} — `, languageSwitch: homePath(otherLocale(lang)) });
}
