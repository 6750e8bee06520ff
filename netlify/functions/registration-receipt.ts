// GET /daftar/terima-kasih?ref=… and /en/register/thank-you?ref=… — the confirmation page, rendered on
// the server so the reference shows without JavaScript. It confirms only a reference this site issued
// (and did not erase since): any other gets the same neutral page, so a broker cannot send a victim a
// link to the official site "confirming" a registration that never happened.
import type { Config, Context } from '@netlify/functions';
import { otherLocale, t, type Locale } from '../../src/i18n';
import { sectionPath } from '../../src/content/paths';
import { renderReceipt } from '../../src/registration/form-html';
import { isReference, receiptLocation } from '../../src/registration/reference';
import { page, plain } from '../../src/server/respond';
import { esc } from '../../src/shared/html';
import { builtSiteData } from '../../src/site-data';
import { referenceIssue } from '../../src/delivery/references';
import { handlesRegistrations } from '../../src/server/deploy-context';
import type { SiteData } from '../../src/site-data/types';

export function receiptHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    const lang: Locale = url.pathname.startsWith('/en/') ? 'en' : 'id';
    const other = otherLocale(lang);
    const site = siteData();
    if (!site) return plain(503, lang, 'reg.error.unavailable');
    const shell = site.shells.receipt[lang];
    const ref = (url.searchParams.get('ref') ?? '').toUpperCase();
    // A preview never reads production's references: it knows none.
    const issue = isReference(ref) && handlesRegistrations(context) ? await referenceIssue(ref).catch(() => undefined) : { issued: false };
    if (issue === undefined) return plain(503, lang, 'reg.error.unavailable');
    if (!issue.issued) {
      const content =
        `<h1>${esc(t(lang, 'reg.thanks.unknownTitle'))}</h1><p>${esc(t(lang, 'reg.thanks.unknown'))}</p>` +
        `<div class="warning"><p>${esc(t(lang, 'reg.thanks.unknownWarn'))}</p></div>` +
        `<p>${esc(t(lang, 'reg.thanks.unknownAsk'))}</p><p><a href="${sectionPath(lang, 'register')}">${esc(t(lang, 'nav.register'))}</a></p>`;
      return page(shell, 404, { content, titlePrefix: `${t(lang, 'reg.thanks.unknownTitle')} — `, languageSwitch: sectionPath(other, 'registerThanks') });
    }
    return page(shell, 200, {
      content: renderReceipt(lang, ref, site.config.nextSteps[lang], {
        issuedAt: issue.at,
        statusUrl: new URL(sectionPath(lang, 'status'), url).href,
        statusPath: sectionPath(lang, 'status'),
        stagesPath: sectionPath(lang, 'stages'),
      }),
      titlePrefix: `${ref} — `,
      languageSwitch: receiptLocation(other, ref),
    });
  };
}

export default receiptHandler(builtSiteData);

export const config: Config = {
  // Literal paths: Netlify reads this object without running the module (src/content/paths.ts has the same).
  path: ['/daftar/terima-kasih', '/daftar/terima-kasih/', '/en/register/thank-you', '/en/register/thank-you/'],
  method: ['GET'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
