import { invitationCalendarPath, sectionPath } from '../content/paths';
import { qrSvg } from '../content/qr';
import { indexLetter } from '../delivery/letter-index';
import { type Locale, type MessageKey, otherLocale, t } from '../i18n';
import { renderUnknownReceipt } from '../registration/form-html';
import { ownerLink, receiptLocation } from '../registration/reference';
import type { RegistrationState } from '../registration/registration-state';
import { logEvent } from '../server/log';
import { NO_REFERRER, page } from '../server/respond';
import { letterUntil } from './invitation';
import { renderLetter, renderNoLetter, renderVerifyAnswer, renderVerifyPage } from './letter-html';
import { formatLetterCode, isLetterCode, type LetterAnswer, normalizeLetterCode } from './letter-verify';
import type { OwnerInvitation } from './owner-link';

// What the letter's two functions answer: the owner's letter page (the letter, why there is none, or the
// unknown receipt's page for any other link), and the verification page's form and result.

/** The owner's letter: its code is recorded first (it verifies only once recorded: without that, no letter). */
export async function ownersLetter(
  shell: string,
  lang: Locale,
  url: URL,
  owner: OwnerInvitation,
  state: RegistrationState,
): Promise<Response> {
  const other = otherLocale(lang);
  if (owner.kind === 'unknown') {
    const titlePrefix = `${t(lang, 'reg.thanks.unknownTitle')} — `;
    return page(
      shell,
      404,
      { content: renderUnknownReceipt(lang, state), titlePrefix, languageSwitch: sectionPath(other, 'register') },
      NO_REFERRER,
    );
  }
  const { reference, token } = owner;
  const receiptHref = receiptLocation(lang, reference, token);
  const answer = (status: number, content: string) =>
    page(
      shell,
      status,
      { content, titlePrefix: `${reference} — `, languageSwitch: ownerLink(sectionPath(other, 'invitation'), reference, token) },
      NO_REFERRER,
    );
  if (owner.kind !== 'letter') return answer(owner.kind === 'busy' ? 503 : 200, renderNoLetter(lang, receiptHref, owner.kind === 'busy'));
  const { view, code } = owner;
  const until = letterUntil(view.invitation.at);
  if (!(await indexLetter(code, { reference, fingerprint: view.invitation.fingerprint, until }).catch(() => false))) {
    logEvent('letter.index_failed');
    return answer(503, renderNoLetter(lang, receiptHref, true));
  }
  const verifyPage = new URL(sectionPath(lang, 'verifyLetter'), url);
  const letter = renderLetter(lang, {
    reference,
    view,
    code,
    verifyPageUrl: verifyPage.href,
    qrSvg: await qrSvg(new URL(`?kode=${code}`, verifyPage).href, t(lang, 'letter.qrLabel')),
    receiptHref,
    calendarHref: ownerLink(invitationCalendarPath(lang), reference, token),
  });
  return answer(200, letter);
}

const statusOf = { genuine: 200, unknown: 200, busy: 503, limited: 429 } as const;

/** The verification page's answers, in its shell. */
export function verifyAnswers(shell: string, lang: Locale) {
  const answer = (status: number, content: string, titlePrefix = '') =>
    page(shell, status, { content, titlePrefix, languageSwitch: sectionPath(otherLocale(lang), 'verifyLetter') });
  return {
    /** The form, with the code a letter's QR code carries (?kode=) filled in. */
    form(kode: string | null) {
      const typed = normalizeLetterCode(kode);
      const code = isLetterCode(typed) ? formatLetterCode(typed) : typed.slice(0, 20);
      return answer(200, renderVerifyPage(lang, { code, prefilled: isLetterCode(typed) }));
    },
    retry: (typed: string, error: MessageKey) => answer(422, renderVerifyPage(lang, { code: typed, error }), t(lang, 'reg.errorPrefix')),
    result(result: LetterAnswer) {
      const title =
        result.kind === 'genuine' ? t(lang, 'verify.genuine.title') : result.kind === 'unknown' ? t(lang, 'verify.unknown.title') : '';
      return answer(statusOf[result.kind], renderVerifyAnswer(lang, result), title ? `${title} — ` : '');
    },
  };
}
