import { sectionPath } from '../content/paths';
import { type Locale, otherLocale, t } from '../i18n';
import { receiptToken } from '../server/keys';
import { json, NO_REFERRER, page, plain, seeOther } from '../server/respond';
import { esc } from '../shared/html';
import type { RawInput } from '../shared/raw-input';
import type { RegistrationConfig } from './config';
import type { Unmet } from './eligibility';
import { renderClosed, renderForm, renderIneligible, renderOpensSoon, renderReceipt, renderUnknownReceipt } from './form-html';
import { receiptLocation } from './reference';
import type { RegistrationState } from './registration-state';
import type { FieldErrors } from './validate';

// What the registration's functions answer. POST /api/register, for each way a post can end: JSON for
// scripts (the page script included), a whole page for a plain form post — the form again with its
// errors, or a page that says why nothing was stored (the decision is src/delivery/registration-post.ts's).
// The receipt: the owner's page, or one neutral page for any other link.

export type RegisterOutcome =
  /** Stored (or a honeypot's decoy: a reference never stored, a `token` that opens nothing). */
  | { kind: 'received'; reference: string; token?: string }
  /** The answers need mending (the form again), or a requirement is not met (`ineligible`). */
  | { kind: 'invalid'; errors: FieldErrors; ineligible?: Unmet }
  | { kind: 'closed' }
  /** Production before launch (launch-gate.ts). */
  | { kind: 'opens-soon' }
  /** A Deploy Preview or branch deploy: it accepts nothing. */
  | { kind: 'preview' }
  /** Today's ceiling is reached. */
  | { kind: 'full' }
  /** This client (address, IPv6 /64 or /48) had its share of today's registrations. */
  | { kind: 'client-limit' }
  | { kind: 'unavailable' }
  /** The body could not be read: broken, too large, or of another type. */
  | { kind: 'unreadable'; status: 400 | 413 | 415 };

export interface AnswerContext {
  lang: Locale;
  asJson: boolean;
  /** What the person sent, to fill the form again. */
  values: RawInput;
  /** The form page's shell and the registration config, when the build handed them over. */
  shell?: string | undefined;
  config?: RegistrationConfig | undefined;
}

const unreadableKeys = { 400: 'reg.error.body', 413: 'reg.error.tooLarge', 415: 'reg.error.mediaType' } as const;

const titled = (
  lang: Locale,
  title: 'reg.closed.title' | 'reg.full.title' | 'reg.clientLimit.title',
  text: 'reg.error.preview' | 'reg.full.text' | 'reg.clientLimit.text',
) => `<h1>${esc(t(lang, title))}</h1><p>${esc(t(lang, text))}</p>`;

export function registerAnswer(outcome: RegisterOutcome, c: AnswerContext): Response {
  const { lang, asJson, shell, config } = c;
  const unavailable = () => (asJson ? json(503, { error: t(lang, 'reg.error.unavailable') }) : plain(503, lang, 'reg.error.unavailable'));
  if (outcome.kind === 'unavailable') return unavailable();
  if (outcome.kind === 'unreadable') {
    const key = unreadableKeys[outcome.status];
    return asJson ? json(outcome.status, { error: t(lang, key) }) : plain(outcome.status, lang, key);
  }
  if (outcome.kind === 'received') {
    const { reference, token = receiptToken(reference) } = outcome;
    return asJson ? json(201, { reference, status: 'received' }) : seeOther(receiptLocation(lang, reference, token));
  }
  if (!shell || !config) return unavailable();
  const answer = (status: number, content: string, titlePrefix: string) =>
    page(shell, status, { content, titlePrefix, languageSwitch: sectionPath(otherLocale(lang), 'register') });
  switch (outcome.kind) {
    case 'preview':
      if (asJson) return json(503, { error: t(lang, 'reg.error.preview') });
      return answer(503, titled(lang, 'reg.closed.title', 'reg.error.preview'), `${t(lang, 'reg.closed.title')} — `);
    case 'closed':
      if (asJson) return json(403, { error: config.closedMessage[lang] });
      return answer(403, renderClosed(lang, config), `${t(lang, 'reg.closed.title')} — `);
    case 'opens-soon':
      if (asJson) return json(403, { error: t(lang, 'reg.soon.text') });
      return answer(403, renderOpensSoon(lang), `${t(lang, 'reg.soon.title')} — `);
    case 'full':
      if (asJson) return json(503, { error: t(lang, 'reg.full.text') });
      return answer(503, titled(lang, 'reg.full.title', 'reg.full.text'), `${t(lang, 'reg.full.title')} — `);
    case 'client-limit':
      if (asJson) return json(429, { error: t(lang, 'reg.clientLimit.text') });
      return answer(429, titled(lang, 'reg.clientLimit.title', 'reg.clientLimit.text'), `${t(lang, 'reg.clientLimit.title')} — `);
    case 'invalid': {
      const { errors, ineligible } = outcome;
      if (asJson) {
        const texts = Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, key ? t(lang, key) : '']));
        return json(422, { errors: texts, ...(ineligible ? { ineligible } : {}) });
      }
      if (ineligible) {
        const content = renderIneligible(lang, ineligible, sectionPath(lang, 'register'), config);
        return answer(422, content, `${t(lang, 'reg.ineligible.title')} — `);
      }
      const form = renderForm({ lang, config, values: c.values, errors, privacyHref: config.privacyPath[lang], action: '/api/register' });
      return answer(422, form, t(lang, 'reg.errorPrefix'));
    }
  }
}

/** Any receipt link but the owner's: one page whatever it was (unknown, erased, a reference without its token). */
export function unknownReceipt(shell: string, lang: Locale, state: RegistrationState): Response {
  return page(
    shell,
    404,
    {
      content: renderUnknownReceipt(lang, state),
      titlePrefix: `${t(lang, 'reg.thanks.unknownTitle')} — `,
      languageSwitch: sectionPath(otherLocale(lang), 'registerThanks'),
    },
    NO_REFERRER,
  );
}

export interface OwnersReceipt {
  reference: string;
  token: string;
  /** When the reference was issued (ISO), when known. */
  issuedAt?: string | undefined;
  nextSteps?: string | undefined;
  /** The current stage as the status check shows it, when it could be read. */
  stageHtml?: string | undefined;
  numberListed: boolean;
}

/** The owner's receipt, at `url` (its full links are made from it). */
export function ownersReceipt(shell: string, lang: Locale, url: URL, r: OwnersReceipt): Response {
  const content = renderReceipt(lang, r.reference, r.nextSteps, {
    issuedAt: r.issuedAt,
    statusUrl: new URL(sectionPath(lang, 'status'), url).href,
    statusPath: sectionPath(lang, 'status'),
    stagesPath: sectionPath(lang, 'stages'),
    receiptUrl: new URL(receiptLocation(lang, r.reference, r.token), url).href,
    ...(r.stageHtml ? { stageHtml: r.stageHtml } : {}),
    numberListed: r.numberListed,
  });
  return page(
    shell,
    200,
    { content, titlePrefix: `${r.reference} — `, languageSwitch: receiptLocation(otherLocale(lang), r.reference, r.token) },
    NO_REFERRER,
  );
}
