import { sectionPath } from '../content/paths';
import { formatDateTime, type Locale, type MessageKey, t } from '../i18n';
import { attrs, esc } from '../shared/html';
import { DATE_PARTS, type DatePart, dateParts, partName } from '../shared/memorable-date';
import type { RawInput } from '../shared/raw-input';
import type { RegistrationConfig } from './config';
import { explainUnmet, ruleWords, type Unmet } from './eligibility';
import { type Field, fields, sectionsBefore } from './fields';
import { officialCallerHtml } from './official-caller';
import { registerCallText, type RegistrationState } from './registration-state';
import type { FieldErrors } from './validate';

// HTML for the registration block, built from the field list. The static page at /daftar renders it
// empty; the register function renders it again with the person's answers and errors, or the receipt,
// into the page shell the build made for it (src/site-data), so the form exists once and works
// without JavaScript. The self-check's form is made of the same controls.

/**
 * The honeypot's name: no autofill category (name, email, url, address, phone…) matches it, so browsers
 * and password managers leave it empty; the data-* attributes ask 1Password, LastPass and Bitwarden to.
 */
export const HONEYPOT = 'kode_konfirmasi_x';

/** One <option>. */
export const optionTag = (value: string, label: string, selected: boolean) => `<option${attrs({ value, selected })}>${esc(label)}</option>`;

/** One radio button or checkbox with its label, as the stylesheet's .choice expects. */
export const choiceTag = (type: 'radio' | 'checkbox', id: string, name: string, value: string, label: string, checked: boolean) =>
  `<div class="choice"><input${attrs({ id, name, type, value, checked })}><label for="${id}">${esc(label)}</label></div>`;

const fieldId = (name: string) => `f-${name}`;
const valuesOf = (raw: RawInput, name: string): string[] => {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x));
};

interface FormState {
  lang: Locale;
  config: RegistrationConfig;
  values?: RawInput;
  errors?: FieldErrors;
  privacyHref: string;
  action: string;
  /** A line under the lead, e.g. which vacancy the person came from. */
  intro?: string;
}

function labelText(lang: Locale, field: Field): string {
  return esc(t(lang, field.label)) + (field.optional ? ` <span class="optional">${esc(t(lang, 'reg.optional'))}</span>` : '');
}

function describedBy(field: Field, error: boolean): string | undefined {
  const ids = [field.hint ? `${fieldId(field.name)}-hint` : '', error ? `${fieldId(field.name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint, with the registration rules filled in where it states them. */
function hintText(lang: Locale, key: MessageKey, config: RegistrationConfig): string {
  const words = ruleWords(lang, config.rules, config.sectors);
  return t(lang, key, { ...words, except: words.sectors ? t(lang, 'reg.education.except', words) : '' });
}

/**
 * Day, month and year as three short numeric fields in a fieldset, one hint and one error for the group
 * (GOV.UK's memorable date). The first field carries `id`, so an error summary's link lands on it.
 */
export function memorableDateGroup(o: {
  lang: Locale;
  id: string;
  name: string;
  /** Already escaped (it may hold markup, e.g. "(optional)"). */
  legend: string;
  hint: string;
  error: string;
  values: RawInput;
  invalid: boolean;
  describedBy: string | undefined;
  autocomplete?: 'bday';
}): string {
  const parts = dateParts(o.values, o.name);
  const sizes: Record<DatePart, number> = { day: 2, month: 2, year: 4 };
  const inputs = DATE_PARTS.map((part) => {
    const inputId = part === 'day' ? o.id : `${o.id}-${part}`;
    return `<div class="date-part date-part--${part}"><label for="${inputId}">${esc(t(o.lang, `date.${part}`))}</label><input${attrs({
      id: inputId,
      name: partName(o.name, part),
      type: 'text',
      inputmode: 'numeric',
      pattern: '[0-9]*',
      maxlength: sizes[part],
      autocomplete: o.autocomplete ? `${o.autocomplete}-${part}` : 'off',
      value: parts[part],
      class: `input--${part === 'year' ? 'year' : 'day'}`,
      'aria-invalid': o.invalid ? 'true' : undefined,
    })}></div>`;
  }).join('');
  return `<fieldset${attrs({ 'aria-describedby': o.describedBy })}><legend>${o.legend}</legend>${o.hint}${o.error}<div class="date-parts">${inputs}</div></fieldset>`;
}

function renderField(field: Field, s: FormState): string {
  const { lang } = s;
  const id = fieldId(field.name);
  const errorKey = s.errors?.[field.name];
  const values = valuesOf(s.values ?? {}, field.name);
  const hint = field.hint ? `<p class="hint" id="${id}-hint">${esc(hintText(lang, field.hint, s.config))}</p>` : '';
  const error = errorKey
    ? `<p class="error-message" id="${id}-error"><span class="visually-hidden">${esc(t(lang, 'reg.errorPrefix'))}</span>${esc(t(lang, errorKey))}</p>`
    : '';
  const invalid = errorKey ? 'true' : undefined;
  const wrap = (inner: string, extra = '') =>
    `<div class="field${extra ? ` ${extra}` : ''}${errorKey ? ' field--error' : ''}" id="${id}-group">${inner}</div>`;

  switch (field.kind) {
    case 'hidden':
      return values[0] ? `<input${attrs({ type: 'hidden', name: field.name, value: values[0] })}>` : '';
    case 'memorable-date':
      return wrap(
        memorableDateGroup({
          lang,
          id,
          name: field.name,
          legend: labelText(lang, field),
          hint,
          error,
          values: s.values ?? {},
          invalid: !!errorKey,
          describedBy: describedBy(field, !!errorKey),
          autocomplete: field.autocomplete,
        }),
        'field--date',
      );
    case 'text':
    case 'tel':
    case 'email': {
      const input = `<input${attrs({
        id,
        name: field.name,
        type: field.kind,
        value: values[0] ?? '',
        autocomplete: field.autocomplete,
        inputmode: field.inputmode,
        spellcheck: field.spellcheck === false ? 'false' : undefined,
        maxlength: field.maxLength,
        class: field.width ? `input--${field.width}` : undefined,
        'aria-describedby': describedBy(field, !!errorKey),
        'aria-invalid': invalid,
      })}>`;
      return wrap(`<label for="${id}">${labelText(lang, field)}</label>${hint}${error}${input}`);
    }
    case 'select': {
      const choices = field.choices(s.config);
      const opts = [`<option value="">${esc(t(lang, field.choose ?? field.label))}</option>`]
        .concat(choices.map((c) => optionTag(c.value, c.label[lang], values.includes(c.value))))
        .join('');
      const select = `<select${attrs({ id, name: field.name, 'aria-describedby': describedBy(field, !!errorKey), 'aria-invalid': invalid })}>${opts}</select>`;
      return wrap(`<label for="${id}">${labelText(lang, field)}</label>${hint}${error}${select}`);
    }
    case 'radios':
    case 'checkboxes': {
      const type = field.kind === 'radios' ? 'radio' : 'checkbox';
      const items = field
        .choices(s.config)
        .map((c, i) => {
          // The first option carries the field's id so the error summary's link lands on it.
          const itemId = i === 0 ? id : `${id}-${c.value}`;
          return choiceTag(type, itemId, field.name, c.value, c.label[lang], values.includes(c.value));
        })
        .join('');
      return wrap(
        `<fieldset${attrs({ 'aria-describedby': describedBy(field, !!errorKey) })}><legend>${labelText(lang, field)}</legend>${hint}${error}<div class="choices choices--${type}">${items}</div></fieldset>`,
      );
    }
    case 'consent': {
      const checked = values.some((v) => v === 'yes' || v === 'true');
      return wrap(
        `<div class="privacy-summary"><p>${esc(s.config.consent.summary[lang])}</p><p><a href="${esc(s.privacyHref)}">${esc(t(lang, 'reg.consent.link'))}</a></p></div>${error}` +
          `<div class="choice"><input${attrs({ id, name: field.name, type: 'checkbox', value: 'yes', checked, 'aria-describedby': describedBy(field, !!errorKey), 'aria-invalid': invalid })}><label for="${id}">${esc(s.config.consent.label[lang])}</label></div>`,
      );
    }
  }
}

function renderErrorSummary(lang: Locale, errors: FieldErrors): string {
  const items = fields
    .filter((f) => errors[f.name])
    .map((f) => `<li><a href="#${fieldId(f.name)}">${esc(t(lang, errors[f.name] as MessageKey))}</a></li>`)
    .join('');
  // autofocus brings keyboard and screen-reader users to the summary even without script (GOV.UK pattern).
  return `<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus aria-labelledby="error-summary-title"><h2 id="error-summary-title">${esc(t(lang, 'reg.errorSummary'))}</h2><ul>${items}</ul></div>`;
}

// Texts the page script shows (review step, sending, offline), carried on the form so the script holds none.
const scriptTexts = (lang: Locale) =>
  attrs({
    'data-check': t(lang, 'reg.check'),
    'data-review-title': t(lang, 'reg.review.title'),
    'data-review-text': t(lang, 'reg.review.text'),
    'data-edit': t(lang, 'reg.review.edit'),
    'data-yes': t(lang, 'reg.review.yes'),
    'data-submit': t(lang, 'reg.submit'),
    'data-sending': t(lang, 'reg.sending'),
    'data-offline': t(lang, 'reg.offline'),
  });

export function renderForm(s: FormState): string {
  const { lang } = s;
  const hasErrors = !!s.errors && Object.keys(s.errors).length > 0;
  const body = fields
    .map(
      (f) => (sectionsBefore[f.name] ? `<h2 class="form-section">${esc(t(lang, sectionsBefore[f.name]!))}</h2>` : '') + renderField(f, s),
    )
    .join('');
  const submissionId = valuesOf(s.values ?? {}, 'submissionId')[0];
  return (
    (hasErrors ? renderErrorSummary(lang, s.errors!) : '') +
    `<h1>${esc(t(lang, 'reg.title'))}</h1><p class="lead">${esc(t(lang, 'reg.lead'))}</p><p class="notice">${esc(t(lang, 'reg.free'))}</p>` +
    (s.intro ? `<p class="notice">${esc(s.intro)}</p>` : '') +
    `<form method="post" action="${esc(s.action)}" novalidate class="reg-form" id="reg-form"${scriptTexts(lang)}>` +
    `<p class="status" role="status" aria-live="polite"></p>` +
    `<input type="hidden" name="lang" value="${lang}">` +
    (submissionId ? `<input type="hidden" name="submissionId" value="${esc(submissionId)}">` : '') +
    body +
    // Honeypot: hidden from people and screen readers by CSS; bots that fill every field reveal themselves.
    `<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT}">Jangan diisi</label><input id="f-${HONEYPOT}" name="${HONEYPOT}" type="text" tabindex="-1" autocomplete="off" data-1p-ignore data-lpignore="true" data-bwignore></div>` +
    `<button type="submit" class="button">${esc(t(lang, 'reg.submit'))}</button></form>`
  );
}

export function renderClosed(lang: Locale, config: RegistrationConfig): string {
  return `<h1>${esc(t(lang, 'reg.closed.title'))}</h1><p class="lead">${esc(config.closedMessage[lang])}</p>`;
}

/** Production before launch (launch-gate.ts): why registration is not open yet, in one sentence. */
export function renderOpensSoon(lang: Locale): string {
  return `<h1>${esc(t(lang, 'reg.soon.title'))}</h1><p class="lead">${esc(t(lang, 'reg.soon.text'))}</p>`;
}

export function renderIneligible(lang: Locale, reason: Unmet, backHref: string, config: RegistrationConfig): string {
  return (
    `<h1>${esc(t(lang, 'reg.ineligible.title'))}</h1>` +
    `<p class="lead">${esc(explainUnmet(lang, reason, config.rules, config.sectors))}</p>` +
    `<p>${esc(t(lang, 'reg.ineligible.help'))}</p><p><a class="button" href="${esc(backHref)}">${esc(t(lang, 'reg.ineligible.back'))}</a></p>`
  );
}

/**
 * The receipt of a reference this site never issued (or erased, or without its token): it confirms
 * nothing, warns against a broker's "proof", and offers to register — or, while registration is not open,
 * says so and links to the page that says why (registration-state.ts).
 */
export function renderUnknownReceipt(lang: Locale, state: RegistrationState): string {
  return (
    `<h1>${esc(t(lang, 'reg.thanks.unknownTitle'))}</h1><p>${esc(t(lang, 'reg.thanks.unknown'))}</p>` +
    `<div class="warning"><p>${esc(t(lang, 'reg.thanks.unknownWarn'))}</p></div>` +
    `<p>${esc(t(lang, 'reg.thanks.unknownAsk'))}</p>` +
    `<p><a href="${sectionPath(lang, 'register')}">${esc(registerCallText(lang, state, 'nav.register'))}</a></p>`
  );
}

export interface ReceiptFacts {
  /** When the reference was issued (ISO), when known. */
  issuedAt?: string | undefined;
  /** The status check's full address, for the WhatsApp message and the printed page. */
  statusUrl: string;
  statusPath: string;
  stagesPath: string;
  /** The owner's link (this page, with its token): on the page, in the WhatsApp message, on paper. */
  receiptUrl: string;
  /** The current stage, as the status check shows it (its markup), when it could be read. */
  stageHtml?: string;
  /** Whether the settings list an official number (the official-caller advice). */
  numberListed: boolean;
}

/**
 * The confirmation: one phone screen or one A4 page when printed (the print stylesheet drops the
 * site's frame). "Send to my WhatsApp" is a plain wa.me link, so it works without script, and the
 * message holds the reference, the owner's link and the status-check address only.
 */
export function renderReceipt(lang: Locale, reference: string, nextSteps: string | undefined, facts: ReceiptFacts): string {
  const when = facts.issuedAt
    ? `<p class="receipt__date">${esc(t(lang, 'reg.thanks.date', { time: formatDateTime(lang, Date.parse(facts.issuedAt)) }))}</p>`
    : '';
  const message = t(lang, 'reg.thanks.whatsappText', { reference, url: facts.statusUrl, link: facts.receiptUrl });
  return (
    `<div class="receipt"><h1>${esc(t(lang, 'reg.thanks.title'))}</h1>` +
    `<div class="receipt__ref"><p>${esc(t(lang, 'reg.thanks.reference'))}</p><p class="ref" id="reference">${esc(reference)}</p>${when}</div>` +
    // The number proves an arrival, nothing more: said beside it, so a screenshot cannot be sold as more.
    `<p><strong>${esc(t(lang, 'reg.thanks.notHired'))}</strong></p>` +
    `<p>${esc(t(lang, 'reg.thanks.keep'))}</p>` +
    (facts.stageHtml ? `<div class="receipt__stage no-print">${facts.stageHtml}</div>` : '') +
    `<h2>${esc(t(lang, 'reg.thanks.linkTitle'))}</h2><p>${esc(t(lang, 'reg.thanks.link'))}</p>` +
    `<p class="receipt__url receipt__link">${esc(facts.receiptUrl)}</p>` +
    (nextSteps ? `<h2>${esc(t(lang, 'reg.thanks.next'))}</h2><p>${esc(nextSteps)}</p>` : '') +
    officialCallerHtml(lang, facts.numberListed) +
    `<h2>${esc(t(lang, 'reg.thanks.statusTitle'))}</h2>` +
    `<p>${esc(t(lang, 'reg.thanks.status'))} <a href="${esc(facts.statusPath)}" class="receipt__url">${esc(facts.statusUrl)}</a></p>` +
    `<p class="no-print"><a href="${esc(facts.stagesPath)}">${esc(t(lang, 'status.stagesLink'))}</a></p>` +
    `<p class="warning"><strong>${esc(t(lang, 'reg.thanks.never'))}</strong></p>` +
    `<p class="receipt__actions"><a class="button button--secondary" href="https://wa.me/?text=${encodeURIComponent(message)}" rel="noopener noreferrer">${esc(t(lang, 'reg.thanks.whatsapp'))}</a>` +
    // Shown by the page script (window.print needs it); without script the browser's own Print uses the print stylesheet.
    ` <button type="button" class="button button--secondary" data-print hidden>${esc(t(lang, 'reg.thanks.print'))}</button></p>` +
    `</div>`
  );
}
