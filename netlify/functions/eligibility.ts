// GET /api/cek-kelayakan?usia=…&pendidikan=…&bidang=…&bahasa=…&tujuan=…&lang=id — the self-check's
// result page. Read-only: nothing is stored and nothing is logged.
import type { Config, Context } from '@netlify/functions';

import { localeOr, otherLocale } from '../../src/i18n';
import { registrationState } from '../../src/registration/registration-state';
import { readAnswers, renderSelfCheckResult } from '../../src/registration/self-check';
import { isLiveProduction } from '../../src/server/deploy-context';
import { page, plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

export function eligibilityHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    const param = url.searchParams.get('lang');
    const lang = localeOr(param);
    const site = siteData();
    if (!site) return plain(503, lang, 'eligibility.unavailable', { 'Retry-After': '60' });
    // The same answers in the other language: the query string with only `lang` changed.
    const switched = new URL(url);
    switched.searchParams.set('lang', otherLocale(lang));
    return page(site.shells.eligibilityResult[lang], 200, {
      content: renderSelfCheckResult(
        lang,
        readAnswers(url.searchParams, site.config),
        site.config,
        registrationState(site.config, isLiveProduction(context)),
      ),
      languageSwitch: switched.pathname + switched.search,
    });
  };
}

export default eligibilityHandler(builtSiteData);

export const config: Config = {
  path: '/api/cek-kelayakan',
  method: ['GET'],
  // Categories only, nothing stored: generous, yet a script cannot make it serve it without end.
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
