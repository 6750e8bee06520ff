import type { MessageKey } from '../i18n';
import { readMemorableDate } from '../shared/memorable-date';
import { EMAIL } from '../shared/patterns';
import type { RawInput } from '../shared/raw-input';
import type { RegistrationConfig } from './config';
import { type Unmet, unmetRequirements } from './eligibility';
import { type FieldName, fields, MAX_DESTINATIONS } from './fields';
import { nikMatchesBirthDate, parseNik } from './nik';
import { normalizeMobile } from './phone';

export interface Registration {
  fullName: string;
  nik: string;
  birthDate: string;
  /** E.164, e.g. +6281234567890. */
  phone: string;
  email?: string;
  district: string;
  education: string;
  destinations: string[];
  sector: string;
  languageLevel: string;
  languageCertificate?: string;
  /** The official vacancy the person registered from, when still open. */
  vacancy?: string;
}

export type FieldErrors = Partial<Record<FieldName, MessageKey>>;

type Validation = { ok: true; value: Registration } | { ok: false; errors: FieldErrors; ineligible?: Unmet };

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(text).filter(Boolean);

const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(iso: string): Date | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === iso ? date : undefined;
}

/** Whether someone born on `birth` (YYYY-MM-DD) has turned `years` by `today` (YYYY-MM-DD). */
export function hasAge(birth: string, today: string, years: number): boolean {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const birthdayPassed = tm > bm || (tm === bm && td >= bd);
  return ty - by - (birthdayPassed ? 0 : 1) >= years;
}

export function validateRegistration(raw: RawInput, config: RegistrationConfig, today: string): Validation {
  const errors: FieldErrors = {};
  const choiceValues = (name: FieldName) => {
    const field = fields.find((f) => f.name === name);
    return new Set(field && 'choices' in field ? field.choices(config).map((c) => c.value) : []);
  };
  const oneOf = (name: FieldName, required: MessageKey): string => {
    const value = text(raw[name]);
    if (!choiceValues(name).has(value)) errors[name] = required;
    return value;
  };

  const fullName = text(raw.fullName).replace(/\s+/g, ' ');
  if (!fullName) errors.fullName = 'reg.error.fullName.required';
  else if (fullName.length < 2 || fullName.length > 100) errors.fullName = 'reg.error.fullName.length';
  else if (!NAME.test(fullName)) errors.fullName = 'reg.error.fullName.chars';

  const nikInput = text(raw.nik);
  const nik = nikInput ? parseNik(nikInput) : undefined;
  if (!nik) errors.nik = 'reg.error.nik.required';
  else if (!nik.ok) errors.nik = nik.reason === 'length' ? 'reg.error.nik.length' : 'reg.error.nik.invalid';

  const dateRead = readMemorableDate(raw, 'birthDate');
  const birthDate = dateRead.empty ? '' : (dateRead.iso ?? '');
  const birth = birthDate ? realDate(birthDate) : undefined;
  if (dateRead.empty) errors.birthDate = 'reg.error.birthDate.required';
  else if (!birth) errors.birthDate = 'reg.error.birthDate.invalid';
  else if (birthDate >= today) errors.birthDate = 'reg.error.birthDate.future';
  else if (nik?.ok && !nikMatchesBirthDate(nik.parts, birthDate)) errors.birthDate = 'reg.error.birthDate.nikMismatch';

  const phoneInput = text(raw.phone);
  const phone = normalizeMobile(phoneInput);
  if (!phoneInput) errors.phone = 'reg.error.phone.required';
  else if (!phone) errors.phone = 'reg.error.phone.invalid';

  const email = text(raw.email).toLowerCase();
  if (email && (email.length > 254 || !EMAIL.test(email))) errors.email = 'reg.error.email.invalid';

  const district = oneOf('district', 'reg.error.district.required');
  const education = oneOf('education', 'reg.error.education.required');
  const sector = oneOf('sector', 'reg.error.sector.required');
  const languageLevel = oneOf('languageLevel', 'reg.error.languageLevel.required');

  const destinations = [...new Set(list(raw.destinations))];
  const known = choiceValues('destinations');
  if (!destinations.length || destinations.some((d) => !known.has(d))) errors.destinations = 'reg.error.destinations.required';
  else if (destinations.length > MAX_DESTINATIONS) errors.destinations = 'reg.error.destinations.tooMany';

  const languageCertificate = text(raw.languageCertificate);
  if (languageCertificate.length > 100) errors.languageCertificate = 'reg.error.languageCertificate.length';

  // Not the person's answer: a vacancy no longer open (or a made-up key) is simply not recorded.
  const vacancy = text(raw.vacancy);
  const knownVacancy = vacancy && choiceValues('vacancy').has(vacancy) ? vacancy : undefined;

  const consent = raw.consent === true || raw.consent === 'true' || raw.consent === 'yes';
  if (!consent) errors.consent = 'reg.error.consent.required';

  // Not meeting a requirement is not a typing mistake: it gets its own explanation, and it takes
  // precedence so nobody corrects every other field only to be turned away afterwards.
  const unmet = unmetRequirements(
    {
      ...(birth && !errors.birthDate ? { oldEnough: hasAge(birthDate, today, config.rules.minAge) } : {}),
      ...(!errors.education && !errors.sector ? { education, sector } : {}),
    },
    config.rules,
  );
  if (unmet[0] === 'age') return { ok: false, errors: { birthDate: 'reg.ineligible.age' }, ineligible: 'age' };
  if (unmet[0] === 'education') return { ok: false, errors: { education: 'reg.ineligible.education' }, ineligible: 'education' };

  if (Object.keys(errors).length || !nik?.ok || !phone) return { ok: false, errors };
  return {
    ok: true,
    value: {
      fullName,
      nik: nik.nik,
      birthDate,
      phone,
      ...(email ? { email } : {}),
      district,
      education,
      destinations,
      sector,
      languageLevel,
      ...(languageCertificate ? { languageCertificate } : {}),
      ...(knownVacancy ? { vacancy: knownVacancy } : {}),
    },
  };
}
