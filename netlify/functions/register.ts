// POST /api/register — validate, store durably in the outbox, answer. Airtable is not called here: the
// delivery runs send what waits (src/delivery/drain.ts), so a burst never reaches Airtable. Contract: README.
// The steps are src/delivery/registration-post.ts's; the answers src/registration/register-answer.ts's.
import type { Config, Context } from '@netlify/functions';

import { decideRegistration } from '../../src/delivery/registration-post';
import { isLocale, localeOr } from '../../src/i18n';
import { registerAnswer } from '../../src/registration/register-answer';
import { crossSite } from '../../src/server/cross-site';
import { crossSiteAnswer } from '../../src/server/cross-site-answer';
import { logEvent } from '../../src/server/log';
import { parseBody, wantsJson } from '../../src/server/request-body';
import { plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

export function registerHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    let lang = localeOr(new URL(req.url).searchParams.get('lang'));
    if (req.method !== 'POST') return plain(405, lang, 'reg.error.method', { Allow: 'POST' });
    if (crossSite(req)) {
      logEvent('register.cross_site');
      return crossSiteAnswer(req, lang, siteData()?.shells.register[lang]);
    }
    const parsed = await parseBody(req);
    const asJson = wantsJson(req, parsed.json);
    if (!parsed.ok) return registerAnswer({ kind: 'unreadable', status: parsed.status }, { lang, asJson, values: {} });
    if (isLocale(parsed.raw.lang)) lang = parsed.raw.lang;
    const site = siteData();
    const answer = { lang, asJson, values: parsed.raw, shell: site?.shells.register[lang], config: site?.config };
    if (!site) {
      logEvent('register.site_data_missing');
      return registerAnswer({ kind: 'unavailable' }, answer);
    }
    // Netlify's own view of the client; its edge sets the header too (tests set it per request).
    const ip = context?.ip || req.headers.get('x-nf-client-connection-ip') || 'unknown';
    return registerAnswer(await decideRegistration(parsed.raw, lang, site.config, context, ip), answer);
  };
}

export default registerHandler(builtSiteData);

export const config: Config = {
  path: '/api/register',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
