import { sectionPath } from '../content/paths';
import { type Locale, t } from '../i18n';
import { educationLevels, educationRank } from '../shared/education';
import { esc } from '../shared/html';
import type { DestinationChoice, RegistrationConfig } from './config';
import { exemptionApplies, explainUnmet, ruleWords, type Unmet, unmetRequirements } from './eligibility';
import { LANGUAGE_LEVELS } from './fields';
import { choiceTag, optionTag } from './form-html';
import { officialCallerHtml } from './official-caller';
import { registerCallText, type RegistrationState } from './registration-state';

// The self-check at /cek-kelayakan: a GET form (answers are categories, never personal data, so the
// result has a plain URL that works without JavaScript and can be shared) answered by a function with
// the registration's own rules (unmetRequirements), so the two can never disagree.

const ACTION = '/api/cek-kelayakan';
const NOT_SURE = 'belum-tahu';
/**
 * Levels that do not yet meet the article's main requirement, "menguasai bahasa asing negara tujuan":
 * the result never says the requirements are met, and recommends the free language training.
 */
const LANGUAGE_NOT_YET = new Set(['none', 'basic']);

export interface Answers {
  age?: 'under' | 'over';
  education?: string;
  sector?: string;
  language?: string;
  destination?: string;
}

/** Reads the query string; anything not among the offered choices counts as not answered. */
export function readAnswers(params: URLSearchParams, config: RegistrationConfig): Answers {
  const pick = (name: string, allowed: Iterable<string>) => {
    const v = params.get(name) ?? '';
    return new Set(allowed).has(v) ? v : undefined;
  };
  const age = pick('usia', ['under', 'over']) as Answers['age'];
  return {
    ...(age ? { age } : {}),
    ...withValue(
      'education',
      pick(
        'pendidikan',
        educationLevels.map((e) => e.value),
      ),
    ),
    ...withValue(
      'sector',
      pick(
        'bidang',
        config.sectors.map((s) => s.value),
      ),
    ),
    ...withValue(
      'language',
      pick(
        'bahasa',
        LANGUAGE_LEVELS().map((l) => l.value),
      ),
    ),
    ...withValue(
      'destination',
      pick(
        'tujuan',
        config.destinations.map((d) => d.value),
      ),
    ),
  };
}
const withValue = <K extends string>(key: K, v: string | undefined) => (v ? ({ [key]: v } as Record<K, string>) : {});

interface Outcome {
  complete: boolean;
  unmet: Unmet[];
  /** Below the education minimum in a sector with its own, unpublished rules: no verdict either way. */
  unclear: boolean;
  /** The destination the person chose, if any: the result names it, never every destination as "fitting". */
  chosen?: DestinationChoice | undefined;
  /** yes: intermediate or fluent (staff judge it at selection); no: none or basic; unknown: not answered. */
  language: 'yes' | 'no' | 'unknown';
}

function assess(a: Answers, config: RegistrationConfig): Outcome {
  const facts = {
    ...(a.age ? { oldEnough: a.age === 'over' } : {}),
    ...(a.education ? { education: a.education } : {}),
    ...(a.sector ? { sector: a.sector } : {}),
  };
  return {
    complete: !!a.age && !!a.education,
    unmet: unmetRequirements(facts, config.rules),
    unclear: exemptionApplies(facts, config.rules),
    chosen: config.destinations.find((d) => d.value === a.destination),
    language: a.language === undefined ? 'unknown' : LANGUAGE_NOT_YET.has(a.language) ? 'no' : 'yes',
  };
}

const option = (value: string, label: string, selected?: string) => optionTag(value, label, value === selected);
const radio = (name: string, value: string, label: string, checked?: string) =>
  choiceTag('radio', `e-${name}-${value}`, name, value, label, value === checked);
const fieldset = (legend: string, inner: string) => `<fieldset class="field"><legend>${esc(legend)}</legend>${inner}</fieldset>`;
const select = (id: string, name: string, label: string, options: string, hint?: string) =>
  `<div class="field"><label for="${id}">${esc(label)}</label>` +
  (hint
    ? `<p class="hint" id="${id}-hint">${esc(hint)}</p><select id="${id}" name="${name}" aria-describedby="${id}-hint">`
    : `<select id="${id}" name="${name}">`) +
  `${options}</select></div>`;

export function renderSelfCheckForm(lang: Locale, config: RegistrationConfig, a: Answers = {}): string {
  const { minAge } = config.rules;
  return (
    `<form method="get" action="${ACTION}" class="reg-form" id="self-check">` +
    `<input type="hidden" name="lang" value="${lang}">` +
    fieldset(
      t(lang, 'eligibility.age.label'),
      radio('usia', 'over', t(lang, 'eligibility.age.over', { minAge }), a.age) +
        radio('usia', 'under', t(lang, 'eligibility.age.under', { minAge }), a.age),
    ) +
    select(
      'e-pendidikan',
      'pendidikan',
      t(lang, 'eligibility.education.label'),
      option('', t(lang, 'eligibility.choose')) + educationLevels.map((e) => option(e.value, e[lang], a.education)).join(''),
    ) +
    select(
      'e-bidang',
      'bidang',
      t(lang, 'eligibility.sector.label'),
      option(NOT_SURE, t(lang, 'eligibility.notSure')) + config.sectors.map((s) => option(s.value, s.label[lang], a.sector)).join(''),
      t(lang, 'reg.sector.hint'),
    ) +
    fieldset(
      t(lang, 'eligibility.language.label'),
      LANGUAGE_LEVELS()
        .map((l) => radio('bahasa', l.value, l.label[lang], a.language))
        .join(''),
    ) +
    select(
      'e-tujuan',
      'tujuan',
      t(lang, 'eligibility.destination.label'),
      option(NOT_SURE, t(lang, 'eligibility.notSure')) +
        config.destinations.map((d) => option(d.value, d.label[lang], a.destination)).join(''),
    ) +
    `<button type="submit" class="button">${esc(t(lang, 'eligibility.submit'))}</button></form>`
  );
}

/**
 * The result block for the page shell: the outcome, the destinations and their languages, what is missing,
 * and what to do next — registering while it is open, or the page that says why it is not (`state`).
 */
export function renderSelfCheckResult(lang: Locale, a: Answers, config: RegistrationConfig, state: RegistrationState): string {
  const o = assess(a, config);
  const again = `<p><a href="${sectionPath(lang, 'eligibility')}">${esc(t(lang, 'eligibility.result.again'))}</a></p>`;
  if (!o.complete) {
    return `<h1>${esc(t(lang, 'eligibility.title'))}</h1><p class="notice" role="alert">${esc(t(lang, 'eligibility.missing'))}</p>${renderSelfCheckForm(lang, config, a)}`;
  }
  if (o.unmet.length) {
    return (
      `<h1>${esc(t(lang, 'eligibility.result.no'))}</h1>` +
      o.unmet.map((u) => `<p class="lead">${esc(explainUnmet(lang, u, config.rules, config.sectors))}</p>`).join('') +
      `<p>${esc(t(lang, 'reg.ineligible.help'))}</p>${again}`
    );
  }
  const register = `${sectionPath(lang, 'register')}${o.chosen ? `?tujuan=${encodeURIComponent(o.chosen.value)}` : ''}`;
  const destinations = (o.chosen ? [o.chosen] : config.destinations)
    .map((d) => {
      const langs = d.languages[lang].join(', ');
      return `<li><a href="${sectionPath(lang, 'destinations', d.value)}">${esc(d.label[lang])}</a>${langs ? ` — ${esc(t(lang, 'eligibility.result.needsLanguage', { languages: langs }))}` : ''}</li>`;
    })
    .join('');
  // The article makes the language a main requirement: "met" only with an answer above basic.
  const [title, lead] = o.unclear
    ? [t(lang, 'eligibility.result.unclear'), t(lang, 'eligibility.result.unclearLead', ruleWords(lang, config.rules, config.sectors))]
    : o.language === 'yes'
      ? [t(lang, 'eligibility.result.ok'), t(lang, 'eligibility.result.okLead')]
      : [
          t(lang, o.language === 'no' ? 'eligibility.result.languageNo' : 'eligibility.result.languageUnknown'),
          t(lang, 'eligibility.result.languageLead'),
        ];
  const todo =
    o.language === 'yes'
      ? t(lang, 'eligibility.result.nothing')
      : t(lang, 'eligibility.result.language', { min: config.training.min, max: config.training.max });
  const next =
    state === 'closed'
      ? `<p class="notice">${esc(config.closedMessage[lang])}</p>`
      : `<p><a class="button" href="${esc(state === 'open' ? register : sectionPath(lang, 'register'))}">${esc(registerCallText(lang, state, 'eligibility.result.register'))}</a></p>`;
  // Whatever it says, the result is not a registration and not an acceptance; whether a school the form
  // groups with SMA counts as SMA is the staff's call (the article names SMA alone: src/shared/education.ts).
  const atSma = config.rules.minEducation === 'sma' && a.education !== undefined && educationRank(a.education) === educationRank('sma');
  const caveats = [
    t(lang, 'eligibility.result.notRegistered'),
    ...(atSma && !o.unclear ? [t(lang, 'eligibility.result.equivalence')] : []),
  ];
  // Right after "you seem to meet the main requirements"; after the lead that says what is not met yet.
  const said = `<strong>${esc(caveats.join(' '))}</strong>`;
  return (
    `<h1>${esc(title)}</h1><p class="lead">${o.language === 'yes' && !o.unclear ? `${said} ${esc(lead)}` : `${esc(lead)} ${said}`}</p>` +
    officialCallerHtml(lang, config.numberListed) +
    `<h2>${esc(t(lang, o.chosen ? 'eligibility.result.chosen' : 'eligibility.result.destinations'))}</h2><ul>${destinations}</ul>` +
    `<h2>${esc(t(lang, 'eligibility.result.todo'))}</h2><p>${esc(todo)}</p>` +
    `<p class="notice">${esc(t(lang, 'eligibility.result.free'))}</p>${next}${again}`
  );
}
