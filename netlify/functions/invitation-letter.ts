// GET /daftar/undangan?ref=…&t=… and /en/register/invitation?ref=…&t=… — the selection invitation
// letter, printable on one A4 page, for the owner's link only (the receipt's reference and token). It
// carries a verification code and a QR code to /cek-surat/ with that code; showing the letter records the
// code (src/delivery/letter-index.ts) so the verification page can find it. Logged: what was shown,
// never the reference, the token or the code.
import type { Config, Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { localeOfPath } from '../../src/i18n';
import { registrationState } from '../../src/registration/registration-state';
import { isLiveProduction } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
import { plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';
import { STATUS_CALLS } from '../../src/status/check';
import { ownersLetter } from '../../src/status/letter-answer';
import { ownerInvitation } from '../../src/status/owner-link';

export function invitationLetterHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    const lang = localeOfPath(url.pathname);
    const site = siteData();
    if (!site) return plain(503, lang, 'reg.error.unavailable');
    const owner = await ownerInvitation(url, context, airtableClientFromEnv(STATUS_CALLS));
    logEvent('letter.owner', { answer: owner.kind });
    return ownersLetter(site.shells.letter[lang], lang, url, owner, registrationState(site.config, isLiveProduction(context)));
  };
}

export default invitationLetterHandler(builtSiteData);

export const config: Config = {
  // Literal paths: Netlify reads this object without running the module (src/content/paths.ts has the same).
  path: ['/daftar/undangan', '/daftar/undangan/', '/en/register/invitation', '/en/register/invitation/'],
  method: ['GET'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
