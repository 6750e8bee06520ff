import type { Locale } from '../i18n';
import { type FieldName, fields } from '../registration/fields';
import { INITIAL_STATUS } from '../shared/registration-status';
import type { Submission } from './outbox-items';

// Everything that knows Airtable's column names: the form's columns come from the field list
// (fields.ts), the others are named here. A registration is mapped once, at delivery.

export { STATUS_CHOICES } from '../shared/registration-status';

/** The columns that are not form fields. */
export const COLUMNS = {
  reference: 'Referensi',
  status: 'Status',
  submittedAt: 'Waktu daftar',
  consentAt: 'Waktu persetujuan',
  consentVersion: 'Versi persetujuan',
  consentLanguage: 'Bahasa persetujuan',
  duplicateNik: 'NIK ganda',
} as const;

/**
 * The selection invitation staff fill in beside the status (docs/airtable.md "Undangan seleksi"): named
 * once here for the setup, the stand-in, the status read and the export. Staff read these names.
 */
export const INVITATION_COLUMNS = {
  /** Date and time, entered in WIB (the field's time zone is Asia/Jakarta); Airtable returns the instant. */
  at: 'Undangan: waktu',
  place: 'Undangan: tempat',
  bring: 'Undangan: bawa',
  contact: 'Undangan: hubungi',
  note: 'Undangan: catatan',
  cancelled: 'Undangan: dibatalkan',
} as const;

/** A form field's column, from the field list. */
export function columnOf(name: FieldName): string {
  const column = fields.find((f) => f.name === name)?.airtable?.column;
  if (!column) throw new Error(`Field ${name} has no Airtable column`);
  return column;
}

/** The language the person read the form (and its consent text) in, as staff read it. */
export const CONSENT_LANGUAGES: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };

export type AirtableFields = Record<string, string | string[] | boolean>;

/** The record staff will see: Indonesian column names, select values as the labels the form showed. */
export function toAirtableFields(reference: string, submission: Submission, at: Date): AirtableFields {
  const out: AirtableFields = { [COLUMNS.reference]: reference };
  const values = submission.values as unknown as Record<string, string | string[] | undefined>;
  for (const field of fields) {
    if (!field.airtable) continue;
    const value = values[field.name];
    if (value === undefined) continue;
    out[field.airtable.column] = 'choices' in field ? (submission.labels[field.name] ?? value) : value;
  }
  out[COLUMNS.status] = INITIAL_STATUS;
  out[COLUMNS.submittedAt] = at.toISOString();
  out[COLUMNS.consentAt] = at.toISOString();
  out[COLUMNS.consentVersion] = submission.consentVersion;
  out[COLUMNS.consentLanguage] = CONSENT_LANGUAGES[submission.lang];
  return out;
}

/** Airtable's formula quoting: backslash first, then the quote (there is no official escape function). */
export function formulaString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The formula for up to ten references: one list call instead of one per record. */
export const referencesFormula = (references: string[]) =>
  `OR(${references.map((r) => `{${COLUMNS.reference}}=${formulaString(r)}`).join(',')})`;

/** The NIK of a found record, when it has one (erasing its index markers needs its hash). */
export function nikOf(record: { fields: Record<string, unknown> } | undefined): string | undefined {
  const value = record?.fields[columnOf('nik')];
  return typeof value === 'string' ? value : undefined;
}
