// GET /daftar/undangan?ref=…&t=… and /en/register/invitation?ref=…&t=… — the selection invitation
// letter, printable on one A4 page, for the owner's link only (the receipt's reference and token). It
// carries a verification code and a QR code to /cek-surat/ with that code; showing the letter records the
// code (src/delivery/letter-index.ts) so the verification page can find it. Logged: what was shown,
// never the reference, the token or the code.
import type { Config, Context } from '@netlify/functions';

import { invitationCalendarPath, sectionPath } from '../../src/content/paths';
import { qrSvg } from '../../src/content/qr';
import { indexLetter } from '../../src/delivery/letter-index';
import { type Locale, otherLocale, t } from '../../src/i18n';
import { renderUnknownReceipt } from '../../src/registration/form-html';
import { ownerLink, receiptLocation } from '../../src/registration/reference';
import { registrationState } from '../../src/registration/registration-state';
import { isLiveProduction } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
import { page, plain } from '../../src/server/respond';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';
import { letterUntil } from '../../src/status/invitation';
import { renderLetter, renderNoLetter } from '../../src/status/letter-html';
import { ownerInvitation } from '../../src/status/owner-link';

export function invitationLetterHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const url = new URL(req.url);
    const lang: Locale = url.pathname.startsWith('/en/') ? 'en' : 'id';
    const other = otherLocale(lang);
    const site = siteData();
    if (!site) return plain(503, lang, 'reg.error.unavailable');
    const shell = site.shells.letter[lang];
    const owner = await ownerInvitation(url, context);
    logEvent('letter.owner', { answer: owner.kind });
    if (owner.kind === 'unknown') {
      return page(shell, 404, {
        content: renderUnknownReceipt(lang, registrationState(site.config, isLiveProduction(context))),
        titlePrefix: `${t(lang, 'reg.thanks.unknownTitle')} — `,
        languageSwitch: sectionPath(other, 'register'),
      });
    }
    const { reference, token } = owner;
    const receiptHref = receiptLocation(lang, reference, token);
    const languageSwitch = ownerLink(sectionPath(other, 'invitation'), reference, token);
    if (owner.kind !== 'letter') {
      const busy = owner.kind === 'busy';
      return page(shell, busy ? 503 : 200, {
        content: renderNoLetter(lang, receiptHref, busy),
        titlePrefix: `${reference} — `,
        languageSwitch,
      });
    }
    const { view, code } = owner;
    // The code verifies only once it is recorded: without that, no letter (it would be refused as false).
    const indexed = await indexLetter(code, {
      reference,
      fingerprint: view.invitation.fingerprint,
      until: letterUntil(view.invitation.at),
    }).catch(() => false);
    if (!indexed) {
      logEvent('letter.index_failed');
      return page(shell, 503, { content: renderNoLetter(lang, receiptHref, true), titlePrefix: `${reference} — `, languageSwitch });
    }
    const verifyPage = new URL(sectionPath(lang, 'verifyLetter'), url);
    const withCode = new URL(`?kode=${code}`, verifyPage).href;
    return page(shell, 200, {
      content: renderLetter(lang, {
        reference,
        view,
        code,
        verifyPageUrl: verifyPage.href,
        qrSvg: await qrSvg(withCode, t(lang, 'letter.qrLabel')),
        receiptHref,
        calendarHref: ownerLink(invitationCalendarPath(lang), reference, token),
      }),
      titlePrefix: `${reference} — `,
      languageSwitch,
    });
  };
}

export default invitationLetterHandler(builtSiteData);

export const config: Config = {
  // Literal paths: Netlify reads this object without running the module (src/content/paths.ts has the same).
  path: ['/daftar/undangan', '/daftar/undangan/', '/en/register/invitation', '/en/register/invitation/'],
  method: ['GET'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
