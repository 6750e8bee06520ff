import { sectionPath } from '../content/paths';
import { formatDateTime, type Locale, type MessageKey, t } from '../i18n';
import type { RegistrationConfig, StageText } from '../registration/config';
import { memorableDateGroup } from '../registration/form-html';
import { officialCallerHtml } from '../registration/official-caller';
import { attrs, esc } from '../shared/html';
import type { RawInput } from '../shared/raw-input';
import { FINAL_STATUSES } from '../shared/registration-status';
import type { StatusAnswer } from './check';
import type { StatusErrors } from './input';
import { invitationBlock, type InvitationLinks } from './invitation-html';

// The status check's markup: the form (the static page /cek-status/ and the function's answers) and
// the answer. A plain form post works without JavaScript; nothing personal is ever shown back — not the
// name, NIK or phone, and not even the birth date the person typed.

const fieldError = (lang: Locale, id: string, key: MessageKey | undefined) =>
  key
    ? `<p class="error-message" id="${id}-error"><span class="visually-hidden">${esc(t(lang, 'reg.errorPrefix'))}</span>${esc(t(lang, key))}</p>`
    : '';

export function renderStatusForm(lang: Locale, { values = {}, errors = {} }: { values?: RawInput; errors?: StatusErrors } = {}): string {
  const refError = errors.reference;
  const dateError = errors.birthDate;
  const summary =
    refError || dateError
      ? `<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus aria-labelledby="error-summary-title"><h2 id="error-summary-title">${esc(t(lang, 'reg.errorSummary'))}</h2><ul>` +
        (refError ? `<li><a href="#s-reference">${esc(t(lang, refError))}</a></li>` : '') +
        (dateError ? `<li><a href="#s-birthDate">${esc(t(lang, dateError))}</a></li>` : '') +
        '</ul></div>'
      : '';
  const reference = typeof values.reference === 'string' ? values.reference.slice(0, 20) : '';
  const refField =
    `<div class="field${refError ? ' field--error' : ''}"><label for="s-reference">${esc(t(lang, 'status.reference.label'))}</label>` +
    `<p class="hint" id="s-reference-hint">${esc(t(lang, 'status.reference.hint'))}</p>${fieldError(lang, 's-reference', refError)}` +
    `<input${attrs({ id: 's-reference', name: 'reference', type: 'text', value: reference, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 12, class: 'input--medium', 'aria-describedby': `s-reference-hint${refError ? ' s-reference-error' : ''}`, 'aria-invalid': refError ? 'true' : undefined })}></div>`;
  const dateField = `<div class="field field--date${dateError ? ' field--error' : ''}">${memorableDateGroup({
    lang,
    id: 's-birthDate',
    name: 'birthDate',
    legend: esc(t(lang, 'reg.birthDate.label')),
    hint: `<p class="hint" id="s-birthDate-hint">${esc(t(lang, 'status.birthDate.hint'))}</p>`,
    error: fieldError(lang, 's-birthDate', dateError),
    // The birth date is not shown back after a failed check: the person types it again.
    values: {},
    invalid: !!dateError,
    describedBy: `s-birthDate-hint${dateError ? ' s-birthDate-error' : ''}`,
    autocomplete: 'bday',
  })}</div>`;
  return (
    summary +
    `<form method="post" action="/api/cek-status" novalidate class="reg-form status-form">` +
    `<input type="hidden" name="lang" value="${lang}">${refField}${dateField}` +
    `<button type="submit" class="button">${esc(t(lang, 'status.submit'))}</button></form>`
  );
}

/** Where a stage stands on the road ahead: "2 of 5", or undefined for a status that ends the process. */
function stagePosition(stages: StageText[], status: string): { n: number; of: number } | undefined {
  const road = stages.filter((s) => !FINAL_STATUSES.includes(s.status));
  const i = road.findIndex((s) => s.status === status);
  return i < 0 ? undefined : { n: i + 1, of: road.length };
}

/** The form again, with what to mend: the answer to a post the check cannot read. */
export function renderStatusRetry(lang: Locale, values: RawInput, errors: StatusErrors): string {
  return `<h1>${esc(t(lang, 'status.title'))}</h1><p class="lead">${esc(t(lang, 'status.lead'))}</p>${renderStatusForm(lang, { values, errors })}`;
}

const codes = { stage: 200, nomatch: 200, busy: 503, limited: 429 } as const;
/** The answer's status code: a locked reference answers as one that matches nothing, code included. */
export const statusCode = (a: StatusAnswer) => (a.kind === 'limited' && a.scope === 'reference' ? 200 : codes[a.kind]);

export function renderStatusAnswer(
  lang: Locale,
  answer: StatusAnswer,
  { stages, numberListed }: Pick<RegistrationConfig, 'stages' | 'numberListed'>,
  reference: string,
): string {
  const stagesLink = `<p><a href="${sectionPath(lang, 'stages')}">${esc(t(lang, 'status.stagesLink'))}</a></p>`;
  const again = `<p><a href="${sectionPath(lang, 'status')}">${esc(t(lang, 'status.again'))}</a></p>`;
  // A locked reference is answered as a reference that matches nothing: nothing tells them apart.
  if (answer.kind === 'limited' && answer.scope !== 'reference') {
    return `<h1>${esc(t(lang, 'status.limited.title'))}</h1><p class="lead">${esc(t(lang, 'status.limited.text'))}</p>${stagesLink}`;
  }
  if (answer.kind === 'busy')
    return `<h1>${esc(t(lang, 'status.busy.title'))}</h1><p class="lead">${esc(t(lang, 'status.busy.text'))}</p>${again}${stagesLink}`;
  if (answer.kind !== 'stage') {
    return (
      `<h1>${esc(t(lang, 'status.nomatch.title'))}</h1><p class="lead">${esc(t(lang, 'status.nomatch.text'))}</p>` +
      `<ul><li>${esc(t(lang, 'status.nomatch.tip1'))}</li><li>${esc(t(lang, 'status.nomatch.tip2'))}</li><li>${esc(t(lang, 'status.nomatch.tip4'))}</li><li>${esc(t(lang, 'status.nomatch.tip3'))}</li></ul>` +
      renderStatusForm(lang, { values: { reference } })
    );
  }
  return (
    `<h1>${esc(t(lang, 'status.answer.title', { reference }))}</h1>` +
    stageCard(lang, answer, stages) +
    officialCallerHtml(lang, numberListed) +
    `<p class="warning">${esc(t(lang, 'reg.thanks.never'))}</p>` +
    stagesLink +
    again
  );
}

/**
 * A stage, with what it means, what to do and what comes next, the selection invitation when staff set
 * one, and when it was read: the status check's answer and the receipt's (which passes the owner's
 * links to the invitation's letter and calendar file).
 */
export function stageCard(
  lang: Locale,
  answer: Extract<StatusAnswer, { kind: 'stage' }>,
  stages: StageText[],
  links?: InvitationLinks,
): string {
  const stage = stages.find((s) => s.status === answer.status) ?? stages[0]!;
  const position = stagePosition(stages, stage.status);
  return (
    `<section class="stage-card" aria-labelledby="stage-title">` +
    (position
      ? `<p class="stage-card__step">${esc(t(lang, 'status.answer.step', { n: String(position.n), of: String(position.of) }))}</p>`
      : '') +
    `<h2 id="stage-title">${esc(stage.title[lang])}</h2><p>${esc(stage.meaning[lang])}</p>` +
    `<h3>${esc(t(lang, 'status.answer.todo'))}</h3><p>${esc(stage.todo[lang])}</p>` +
    (stage.next ? `<h3>${esc(t(lang, 'status.answer.next'))}</h3><p>${esc(stage.next[lang])}</p>` : '') +
    `</section>` +
    invitationBlock(lang, answer.invitation, links) +
    `<p class="hint">${esc(t(lang, answer.source === 'stale' ? 'status.answer.stale' : 'status.answer.asOf', { time: formatDateTime(lang, answer.asOf) }))}</p>`
  );
}
