// GET /angka/ and /en/figures/ — the program's figures, computed daily (figures-daily.ts), in the page
// the build made for them (src/components/views/FiguresView.astro); and /angka/angka.csv,
// /en/figures/figures.csv — the same figures as CSV. Only while staff publish the page: otherwise the
// build made no page and this answers the site's 404. Nothing personal is read here: one Blobs document
// of counts, already suppressed. The static page at the same address is what the build checks, the
// sitemap and the search see; on Netlify a function with a path answers before static files.
import type { Config } from '@netlify/functions';

import { readPublished } from '../../src/figures/figures-store';
import { figuresCsv, figuresCsvPath, figuresRegion, fillFiguresRegion } from '../../src/figures/page-html';
import { type Locale, localeOfPath, t } from '../../src/i18n';
import { builtPage, plain } from '../../src/server/respond';
import { esc } from '../../src/shared/html';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

/** Figures change once a day: browsers and caches may keep an answer for five minutes. */
const CACHE = { 'Cache-Control': 'public, max-age=300' };

export function figuresHandler(siteData: () => SiteData | undefined) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const lang = localeOfPath(url.pathname);
    const site = siteData();
    if (!site) return plain(503, lang, 'reg.error.unavailable');
    const shell = site.shells.figures?.[lang];
    if (!shell) return notFound(site, lang);
    const doc = await readPublished().catch(() => null);
    if (url.pathname === figuresCsvPath(lang)) {
      if (!doc) return plain(doc === null ? 503 : 404, lang, doc === null ? 'figures.unavailable' : 'figures.none');
      const file = `${t(lang, 'figures.csv.file')}-${doc.computedAt.slice(0, 10)}.csv`;
      return new Response(figuresCsv(lang, doc, site.config), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"`, ...CACHE },
      });
    }
    // A store that does not answer: say so, rather than "no figures yet".
    if (doc === null)
      return builtPage(shell, fillFiguresRegion(shell, `<p class="figures-none">${esc(t(lang, 'figures.unavailable'))}</p>`), 503);
    return builtPage(shell, fillFiguresRegion(shell, figuresRegion(lang, doc, site.config)), 200, CACHE);
  };
}

/** The site's own 404 page; its meta policy (written for static hosting) gives way to the header one. */
function notFound(site: SiteData, lang: Locale): Response {
  if (!site.notFound) return plain(404, lang, 'notFound.text');
  const page = site.notFound.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  return builtPage(page, page, 404);
}

export default figuresHandler(builtSiteData);

export const config: Config = {
  // Literal paths: Netlify reads this object without running the module (src/content/paths.ts and
  // figuresCsvPath have the same; test/unit/figures/page-html.test.ts checks they agree).
  path: ['/angka', '/angka/', '/angka/angka.csv', '/en/figures', '/en/figures/', '/en/figures/figures.csv'],
  method: ['GET'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
