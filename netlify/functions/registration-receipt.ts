// GET /daftar/terima-kasih?ref=…&t=… and /en/register/thank-you?ref=…&t=… — the owner's receipt,
// rendered on the server so it shows without JavaScript: the reference, the current stage (no birth
// date needed, no lock), the personal link itself. Only the reference's token (src/server/keys.ts)
// opens it; a reference alone, an unknown one or an erased one get the same neutral page, so a broker
// can neither test which references exist nor send a victim a link "confirming" a registration.
import type { Config, Context } from '@netlify/functions';

import { invitationCalendarPath, sectionPath } from '../../src/content/paths';
import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { referenceIssue } from '../../src/delivery/references';
import { localeOfPath } from '../../src/i18n';
import { isReference, ownerLink } from '../../src/registration/reference';
import { ownersReceipt, unknownReceipt } from '../../src/registration/register-answer';
import { registrationState } from '../../src/registration/registration-state';
import { handlesRegistrations, isLiveProduction } from '../../src/server/deploy-context';
import { receiptTokenValid } from '../../src/server/keys';
import { logEvent } from '../../src/server/log';
import { plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';
import { ownerStatus, STATUS_CALLS } from '../../src/status/check';
import { stageCard } from '../../src/status/form-html';

export function receiptHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    const lang = localeOfPath(url.pathname);
    const site = siteData();
    if (!site) return plain(503, lang, 'reg.error.unavailable');
    const shell = site.shells.receipt[lang];
    const reference = (url.searchParams.get('ref') ?? '').toUpperCase();
    const token = url.searchParams.get('t') ?? '';
    // Only the owner's link opens a receipt: a reference alone is answered as a never-issued one,
    // without reading any store. A preview never reads production's references: it knows none.
    const owner = isReference(reference) && receiptTokenValid(reference, token) && handlesRegistrations(context);
    const issue = owner ? await referenceIssue(reference).catch(() => undefined) : { issued: false };
    if (issue === undefined) return plain(503, lang, 'reg.error.unavailable');
    if (!issue.issued) return unknownReceipt(shell, lang, registrationState(site.config, isLiveProduction(context)));
    // The stage as the status check would show it, through the same cache and budget, no birth date.
    const stage = await ownerStatus(reference, { airtable: airtableClientFromEnv(STATUS_CALLS) }).catch(() => undefined);
    logEvent('receipt.owner', { answer: stage?.kind ?? 'failed', ...(stage && 'source' in stage ? { source: stage.source } : {}) });
    // The stage card links the owner's invitation letter and its calendar file, with the same token.
    const links = {
      letter: ownerLink(sectionPath(lang, 'invitation'), reference, token),
      calendar: ownerLink(invitationCalendarPath(lang), reference, token),
    };
    const stageHtml = stage?.kind === 'stage' ? stageCard(lang, stage, site.config.stages, links) : undefined;
    return ownersReceipt(shell, lang, url, {
      reference,
      token,
      issuedAt: issue.at,
      nextSteps: site.config.nextSteps[lang],
      stageHtml,
      numberListed: site.config.numberListed,
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
