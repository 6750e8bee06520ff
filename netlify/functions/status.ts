// POST /api/cek-status (reference, birth date in three fields, lang) — the status check's answer page.
// The birth date travels in the body, never in a URL. Logged: the kind of answer and where it came
// from, never the reference's owner or the date. src/status/check.ts has the rules.
import type { Config, Context } from '@netlify/functions';

import { sectionPath } from '../../src/content/paths';
import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { isLocale, localeOr, otherLocale, t } from '../../src/i18n';
import { crossSite } from '../../src/server/cross-site';
import { crossSiteAnswer } from '../../src/server/cross-site-answer';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { MissingKeyError } from '../../src/server/keys';
import { logEvent } from '../../src/server/log';
import { parseBody } from '../../src/server/request-body';
import { page, plain, seeOther } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';
import { checkStatus, STATUS_CALLS } from '../../src/status/check';
import { renderStatusAnswer, renderStatusRetry, statusCode } from '../../src/status/form-html';
import { readStatusInput } from '../../src/status/input';

export function statusHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    let lang = localeOr(new URL(req.url).searchParams.get('lang'));
    // Someone who reloads or bookmarks the answer gets the form.
    if (req.method !== 'POST') return seeOther(sectionPath(lang, 'status'));
    if (crossSite(req)) {
      logEvent('status.cross_site');
      return crossSiteAnswer(req, lang, siteData()?.shells.statusResult[lang]);
    }
    const parsed = await parseBody(req);
    const site = siteData();
    if (!parsed.ok || !site) return plain(parsed.ok ? 503 : parsed.status, lang, 'status.unavailable');
    if (isLocale(parsed.raw.lang)) lang = parsed.raw.lang;
    const answer = (status: number, content: string, titlePrefix = '') =>
      page(site.shells.statusResult[lang], status, { content, titlePrefix, languageSwitch: sectionPath(otherLocale(lang), 'status') });
    const input = readStatusInput(parsed.raw);
    if (!input.ok) return answer(422, renderStatusRetry(lang, parsed.raw, input.errors), t(lang, 'reg.errorPrefix'));
    // A preview shares production's stores: it knows no registration.
    const result = handlesRegistrations(context)
      ? await checkStatus(input.reference, input.birthDate, {
          airtable: airtableClientFromEnv(STATUS_CALLS),
          // Netlify's own view of the client; its edge sets the header too (tests set it per request).
          ip: context?.ip || req.headers.get('x-nf-client-connection-ip') || 'unknown',
        }).catch((e: unknown) => {
          if (e instanceof MissingKeyError) logEvent('status.key_missing', { key: e.purpose });
          return { kind: 'busy' } as const;
        })
      : ({ kind: 'nomatch' } as const);
    logEvent('status.check', {
      answer: result.kind,
      ...('source' in result ? { source: result.source } : {}),
      ...('scope' in result ? { scope: result.scope } : {}),
    });
    return answer(
      statusCode(result),
      renderStatusAnswer(lang, result, site.config, input.reference),
      result.kind === 'stage' ? `${input.reference} — ` : '',
    );
  };
}

export default statusHandler(builtSiteData);

export const config: Config = {
  path: '/api/cek-status',
  method: ['GET', 'POST'],
  // The first guard, per address; src/status/limits.ts adds hourly, global and per-reference limits.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
