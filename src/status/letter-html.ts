import { sectionPath } from '../content/paths';
import { formatDateTime, type Locale, type MessageKey, t } from '../i18n';
import { attrs, esc } from '../shared/html';
import type { InvitationView } from './invitation';
import { invitationFacts, invitationTime, multiline, verifiableUntil } from './invitation-html';
import { formatLetterCode, type LetterAnswer } from './letter-verify';

// The printable letter (the owner's link) and the verification page (/cek-surat/): its form, the
// static page and the function's answers alike, and the two answers anyone may see — "genuine", with
// the date, the place, the reference partly hidden and the initials, or "not valid" (never issued, changed, cancelled or expired).

export interface LetterFacts {
  reference: string;
  view: Extract<InvitationView, { kind: 'invited' }>;
  code: string;
  /** The verification page's address as printed, and with the code (what the QR code holds). */
  verifyPageUrl: string;
  /** Inline SVG of the QR code to the verification page with the code. */
  qrSvg: string;
  receiptHref: string;
  calendarHref: string;
  now?: number;
}

/** One A4 page when printed (the print stylesheet drops the site's frame and the screen-only links). */
export function renderLetter(lang: Locale, f: LetterFacts): string {
  const inv = f.view.invitation;
  const initials = f.view.initials;
  const to = initials
    ? t(lang, 'letter.to', { reference: f.reference, initials })
    : t(lang, 'letter.toNoInitials', { reference: f.reference });
  return (
    `<article class="letter">` +
    `<header class="letter__head"><p class="letter__org">${esc(t(lang, 'letter.org'))}</p><h1>${esc(t(lang, 'letter.title'))}</h1></header>` +
    (f.view.changedAt !== undefined ? `<p class="letter__changed"><strong>${esc(t(lang, 'letter.changed'))}</strong></p>` : '') +
    `<p>${esc(to)}</p>` +
    invitationFacts(lang, inv) +
    `<p>${esc(t(lang, 'letter.notHired'))}</p>` +
    `<p class="warning"><strong>${esc(t(lang, 'letter.free'))}</strong></p>` +
    `<section class="letter__verify" aria-labelledby="letter-code-title">` +
    `<div class="letter__qr">${f.qrSvg}</div>` +
    `<div><h2 id="letter-code-title">${esc(t(lang, 'letter.code'))}</h2><p class="letter__code" id="letter-code">${esc(formatLetterCode(f.code))}</p>` +
    `<p>${esc(t(lang, 'letter.verify', { url: f.verifyPageUrl }))}</p></div></section>` +
    `<p class="hint letter__issued">${esc(t(lang, 'letter.issued', { time: formatDateTime(lang, f.now ?? Date.now()), date: verifiableUntil(lang, inv) }))}</p>` +
    `<div class="no-print letter__actions"><p>${esc(t(lang, 'letter.printHint'))}</p>` +
    // Shown by the page script (window.print needs it); without script the browser's own Print uses the print stylesheet.
    `<p><button type="button" class="button" data-print hidden>${esc(t(lang, 'letter.printButton'))}</button> ` +
    `<a class="button button--secondary" href="${esc(f.calendarHref)}" download>${esc(t(lang, 'invite.calendar'))}</a></p>` +
    `<p><a href="${esc(f.receiptHref)}">${esc(t(lang, 'letter.back'))}</a></p></div>` +
    `</article>`
  );
}

/** No invitation in force for this registration (none yet, called off, withdrawn, or long past). */
export function renderNoLetter(lang: Locale, receiptHref: string, busy = false): string {
  return busy
    ? `<h1>${esc(t(lang, 'letter.crumb'))}</h1><p class="lead">${esc(t(lang, 'letter.busy'))}</p><p><a href="${esc(receiptHref)}">${esc(t(lang, 'letter.back'))}</a></p>`
    : `<h1>${esc(t(lang, 'letter.none.title'))}</h1><p class="lead">${esc(t(lang, 'letter.none.text'))}</p><p><a href="${esc(receiptHref)}">${esc(t(lang, 'letter.back'))}</a></p>`;
}

/** The form: posts to the page itself, so the code never stands in a URL the person typed it into. */
export function renderVerifyForm(
  lang: Locale,
  { code = '', error, prefilled = false }: { code?: string; error?: MessageKey; prefilled?: boolean } = {},
): string {
  const summary = error
    ? `<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus aria-labelledby="error-summary-title"><h2 id="error-summary-title">${esc(t(lang, 'reg.errorSummary'))}</h2><ul><li><a href="#v-code">${esc(t(lang, error))}</a></li></ul></div>`
    : '';
  const errorLine = error
    ? `<p class="error-message" id="v-code-error"><span class="visually-hidden">${esc(t(lang, 'reg.errorPrefix'))}</span>${esc(t(lang, error))}</p>`
    : '';
  return (
    summary +
    `<form method="post" action="${sectionPath(lang, 'verifyLetter')}" novalidate class="reg-form verify-form">` +
    (prefilled ? `<p class="notice">${esc(t(lang, 'verify.prefilled'))}</p>` : '') +
    `<div class="field${error ? ' field--error' : ''}"><label for="v-code">${esc(t(lang, 'verify.code.label'))}</label>` +
    `<p class="hint" id="v-code-hint">${esc(t(lang, 'verify.code.hint'))}</p>${errorLine}` +
    `<input${attrs({ id: 'v-code', name: 'kode', type: 'text', value: code, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20, class: 'input--medium letter-code-input', 'aria-describedby': `v-code-hint${error ? ' v-code-error' : ''}`, 'aria-invalid': error ? 'true' : undefined })}></div>` +
    `<button type="submit" class="button">${esc(t(lang, 'verify.submit'))}</button></form>`
  );
}

/** The page before any answer: the static /cek-surat/ and the function's GET (the code from a QR code filled in). */
export function renderVerifyPage(lang: Locale, form: Parameters<typeof renderVerifyForm>[1] = {}): string {
  return (
    `<h1>${esc(t(lang, 'verify.title'))}</h1><p class="lead">${esc(t(lang, 'verify.lead'))}</p>` +
    renderVerifyForm(lang, form) +
    `<p class="hint">${esc(t(lang, 'verify.privacy'))}</p>`
  );
}

export function renderVerifyAnswer(lang: Locale, answer: LetterAnswer): string {
  const again = `<p><a href="${sectionPath(lang, 'verifyLetter')}">${esc(t(lang, 'verify.again'))}</a></p>`;
  if (answer.kind === 'limited')
    return `<h1>${esc(t(lang, 'verify.limited.title'))}</h1><p class="lead">${esc(t(lang, answer.scope === 'global' ? 'verify.limited.everyone' : 'verify.limited.text'))}</p>`;
  if (answer.kind === 'busy')
    return `<h1>${esc(t(lang, 'verify.busy.title'))}</h1><p class="lead">${esc(t(lang, 'verify.busy.text'))}</p>${again}`;
  if (answer.kind === 'unknown') {
    return (
      `<div class="verdict verdict--false"><h1>${esc(t(lang, 'verify.unknown.title'))}</h1><p class="lead">${esc(t(lang, 'verify.unknown.lead'))}</p>` +
      `<p><strong>${esc(t(lang, 'verify.unknown.pay'))}</strong></p><p>${esc(t(lang, 'verify.unknown.report'))}</p></div>` +
      `<h2>${esc(t(lang, 'verify.unknown.typo'))}</h2>` +
      renderVerifyForm(lang)
    );
  }
  const rows: [string, string][] = [
    [t(lang, 'verify.reference'), esc(answer.reference)],
    ...(answer.initials ? [[t(lang, 'verify.initials'), esc(answer.initials)] as [string, string]] : []),
    [t(lang, 'invite.at'), esc(invitationTime(lang, answer.at))],
    [t(lang, 'invite.place'), multiline(answer.place)],
  ];
  return (
    `<div class="verdict verdict--genuine"><h1>${esc(t(lang, 'verify.genuine.title'))}</h1><p class="lead">${esc(t(lang, 'verify.genuine.lead'))}</p>` +
    `<dl class="invitation__facts">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl></div>` +
    `<p>${esc(t(lang, 'verify.genuine.match'))}</p><p class="warning">${esc(t(lang, 'verify.genuine.free'))}</p>${again}`
  );
}
