// GET and POST /cek-surat/ (English: /en/verify-letter/) — anyone checks a selection invitation letter
// by its code. GET shows the form; with ?kode= (what the letter's QR code holds) the code is filled in,
// and one press checks it: a link preview or a prefetch spends no one's tries and reads no store, and
// every check takes the one POST path with its limits and its floor (src/status/letter-verify.ts). The
// code is not personal data; it is never logged. Logged: the kind of answer only.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { isLocale, localeOfPath } from '../../src/i18n';
import { crossSite } from '../../src/server/cross-site';
import { crossSiteAnswer } from '../../src/server/cross-site-answer';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { MissingKeyError } from '../../src/server/keys';
import { logEvent } from '../../src/server/log';
import { parseBody } from '../../src/server/request-body';
import { plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';
import { STATUS_CALLS } from '../../src/status/check';
import { verifyAnswers } from '../../src/status/letter-answer';
import { type LetterAnswer, readLetterInput, verifyLetter } from '../../src/status/letter-verify';

export function letterVerifyHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    let lang = localeOfPath(url.pathname);
    const site = siteData();
    if (!site) return plain(503, lang, 'verify.busy.text');
    if (req.method !== 'POST') return verifyAnswers(site.shells.letterVerify[lang], lang).form(url.searchParams.get('kode'));
    if (crossSite(req)) {
      logEvent('letter.cross_site');
      return crossSiteAnswer(req, lang, site.shells.letterVerify[lang]);
    }
    const parsed = await parseBody(req);
    if (!parsed.ok) return plain(parsed.status, lang, 'verify.busy.text');
    if (isLocale(parsed.raw.lang)) lang = parsed.raw.lang;
    const answers = verifyAnswers(site.shells.letterVerify[lang], lang);
    const input = readLetterInput(parsed.raw);
    if (!input.ok) return answers.retry(input.typed, input.error);
    // A preview shares production's stores: it knows no letter (and waits as a check would).
    const result: LetterAnswer = handlesRegistrations(context)
      ? await verifyLetter(input.code, {
          airtable: airtableClientFromEnv(STATUS_CALLS),
          ip: context?.ip || req.headers.get('x-nf-client-connection-ip') || 'unknown',
        }).catch((e: unknown) => {
          if (e instanceof MissingKeyError) logEvent('letter.key_missing', { key: e.purpose });
          return { kind: 'busy' } as const;
        })
      : { kind: 'unknown' };
    logEvent('letter.verify', { answer: result.kind, ...('scope' in result ? { scope: result.scope } : {}) });
    return answers.result(result);
  };
}

export default letterVerifyHandler(builtSiteData);

export const config: Config = {
  // Literal paths: src/content/paths.ts (verifyLetter) has the same. The built page at these paths is the
  // same form: this function answers in its place, so a QR code's ?kode= is filled in without script.
  path: ['/cek-surat', '/cek-surat/', '/en/verify-letter', '/en/verify-letter/'],
  method: ['GET', 'POST'],
  // Netlify's default, said out loud: the function answers even where a static file has the same path.
  preferStatic: false,
  // The first guard, per address; src/status/letter-limits.ts adds hourly, global and wrong-code limits.
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
