import type { MessageKey } from '../i18n';
import { educationLevels } from '../shared/education';
import type { Choice, ChoiceLists } from './config';

// The one description of the registration form. The form markup, the validation, the Airtable columns,
// the CSV export and the tests are all built from this list.

type AirtableType = 'singleLineText' | 'phoneNumber' | 'email' | 'date' | 'singleSelect' | 'multipleSelects';

interface FieldBase {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  optional?: boolean;
  /** The Airtable column and its type; the consent checkbox is recorded as a time instead. */
  airtable?: { column: string; type: AirtableType };
}

interface TextField extends FieldBase {
  kind: 'text' | 'tel' | 'email';
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  spellcheck?: false;
  maxLength?: number;
  width?: 'short' | 'medium';
}

interface ChoiceField extends FieldBase {
  /** hidden: chosen by the page the person came from (a vacancy), never typed; an unknown value is dropped. */
  kind: 'select' | 'radios' | 'checkboxes' | 'hidden';
  choose?: MessageKey;
  choices: (lists: ChoiceLists) => Choice[];
}

interface ConsentField extends FieldBase {
  kind: 'consent';
}

/** Day, month and year in three short fields (src/shared/memorable-date.ts). */
interface DateField extends FieldBase {
  kind: 'memorable-date';
  /** The autocomplete tokens' prefix: "bday" gives bday-day, bday-month, bday-year. */
  autocomplete: 'bday';
}

export type Field = TextField | ChoiceField | ConsentField | DateField;

const fixed =
  (list: [string, string, string][]): (() => Choice[]) =>
  () =>
    list.map(([value, id, en]) => ({ value, label: { id, en } }));

const DISTRICTS = fixed([
  // Kota Serang's six kecamatan, codes 36.73.01–06 (Kemendagri).
  ['serang', 'Serang', 'Serang'],
  ['kasemen', 'Kasemen', 'Kasemen'],
  ['walantaka', 'Walantaka', 'Walantaka'],
  ['curug', 'Curug', 'Curug'],
  ['cipocok-jaya', 'Cipocok Jaya', 'Cipocok Jaya'],
  ['taktakan', 'Taktakan', 'Taktakan'],
]);

const EDUCATION = (): Choice[] => educationLevels.map((e) => ({ value: e.value, label: { id: e.id, en: e.en } }));

export const MAX_DESTINATIONS = 3;

export const LANGUAGE_LEVELS = fixed([
  ['none', 'Belum bisa', 'None yet'],
  ['basic', 'Dasar', 'Basic'],
  ['intermediate', 'Menengah', 'Intermediate'],
  ['fluent', 'Lancar', 'Fluent'],
]);

export const fields: Field[] = [
  {
    name: 'fullName',
    kind: 'text',
    label: 'reg.fullName.label',
    hint: 'reg.fullName.hint',
    autocomplete: 'name',
    maxLength: 100,
    spellcheck: false,
    airtable: { column: 'Nama lengkap', type: 'singleLineText' },
  },
  {
    name: 'nik',
    kind: 'text',
    label: 'reg.nik.label',
    hint: 'reg.nik.hint',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: false,
    maxLength: 24,
    width: 'medium',
    airtable: { column: 'NIK', type: 'singleLineText' },
  },
  {
    name: 'birthDate',
    kind: 'memorable-date',
    label: 'reg.birthDate.label',
    hint: 'reg.birthDate.hint',
    autocomplete: 'bday',
    airtable: { column: 'Tanggal lahir', type: 'date' },
  },
  {
    name: 'phone',
    kind: 'tel',
    label: 'reg.phone.label',
    hint: 'reg.phone.hint',
    autocomplete: 'tel',
    inputmode: 'tel',
    maxLength: 24,
    width: 'medium',
    airtable: { column: 'No. HP/WhatsApp', type: 'phoneNumber' },
  },
  {
    name: 'email',
    kind: 'email',
    label: 'reg.email.label',
    hint: 'reg.email.hint',
    optional: true,
    autocomplete: 'email',
    inputmode: 'email',
    spellcheck: false,
    maxLength: 254,
    airtable: { column: 'Email', type: 'email' },
  },
  {
    name: 'district',
    kind: 'select',
    label: 'reg.district.label',
    choose: 'reg.district.choose',
    choices: DISTRICTS,
    airtable: { column: 'Kecamatan', type: 'singleSelect' },
  },
  {
    name: 'education',
    kind: 'select',
    label: 'reg.education.label',
    hint: 'reg.education.hint',
    choose: 'reg.education.choose',
    choices: EDUCATION,
    airtable: { column: 'Pendidikan terakhir', type: 'singleSelect' },
  },
  {
    name: 'destinations',
    kind: 'checkboxes',
    label: 'reg.destinations.label',
    hint: 'reg.destinations.hint',
    choices: (o) => o.destinations,
    airtable: { column: 'Negara tujuan', type: 'multipleSelects' },
  },
  {
    name: 'sector',
    kind: 'select',
    label: 'reg.sector.label',
    hint: 'reg.sector.hint',
    choose: 'reg.sector.choose',
    choices: (o) => o.sectors,
    airtable: { column: 'Bidang kerja', type: 'singleSelect' },
  },
  {
    name: 'languageLevel',
    kind: 'radios',
    label: 'reg.languageLevel.label',
    hint: 'reg.languageLevel.hint',
    choices: LANGUAGE_LEVELS,
    airtable: { column: 'Kemampuan bahasa', type: 'singleSelect' },
  },
  {
    name: 'languageCertificate',
    kind: 'text',
    label: 'reg.languageCertificate.label',
    hint: 'reg.languageCertificate.hint',
    optional: true,
    maxLength: 100,
    airtable: { column: 'Sertifikat bahasa', type: 'singleLineText' },
  },
  // Registering from an official vacancy's page records that vacancy (its key and SIP number) for staff.
  {
    name: 'vacancy',
    kind: 'hidden',
    label: 'vacancy.column',
    optional: true,
    choices: (o) => o.vacancies,
    airtable: { column: 'Lowongan', type: 'singleLineText' },
  },
  // Its wording is content (settings → privacy.consent), versioned with each registration.
  { name: 'consent', kind: 'consent', label: 'reg.section.consent' },
];

export type FieldName = (typeof fields)[number]['name'];

/**
 * The Indonesian labels of the chosen values, by field name, as the form showed them when the person
 * submitted it: kept with the registration, so staff see the same words even if a list changes later.
 */
export function choiceLabels(values: object, lists: ChoiceLists): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = (values as Record<string, unknown>)[field.name];
    if (!('choices' in field) || value === undefined) continue;
    const labels = new Map(field.choices(lists).map((c) => [c.value, c.label.id]));
    out[field.name] = Array.isArray(value)
      ? value.map((v) => labels.get(String(v)) ?? String(v))
      : (labels.get(String(value)) ?? String(value));
  }
  return out;
}

/** Headings that group the fields on the page, by the first field of each group. */
export const sectionsBefore: Record<string, MessageKey> = {
  fullName: 'reg.section.identity',
  phone: 'reg.section.contact',
  destinations: 'reg.section.interest',
  consent: 'reg.section.consent',
};
