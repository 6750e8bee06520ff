import Airtable from 'airtable';
import { fields } from '../registration/fields';
import type { RegistrationConfig } from '../registration/config';
import type { Registration } from '../registration/validate';
import type { Locale } from '../i18n';

// Everything that knows Airtable's column names and the SDK's settings.

export { STATUS_CHOICES } from '../shared/registration-status';

export const COLUMNS = {
  reference: 'Referensi',
  status: 'Status',
  submittedAt: 'Waktu daftar',
  consentAt: 'Waktu persetujuan',
  consentVersion: 'Versi persetujuan',
  consentLanguage: 'Bahasa persetujuan',
  duplicateNik: 'NIK ganda',
  nik: 'NIK',
  birthDate: 'Tanggal lahir',
} as const;

/** The language the person read the form (and its consent text) in, as staff read it. */
export const CONSENT_LANGUAGES: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };

export type AirtableFields = Record<string, string | string[] | boolean>;

/** The record staff will see: Indonesian column names, select values as their Indonesian labels. */
export function toAirtableFields(
  reference: string,
  reg: Registration,
  config: RegistrationConfig,
  at: Date,
  lang: Locale,
): AirtableFields {
  const out: AirtableFields = { [COLUMNS.reference]: reference };
  for (const field of fields) {
    if (!field.airtable) continue;
    const value = reg[field.name as keyof Registration];
    if (value === undefined) continue;
    if ('choices' in field) {
      const labels = new Map(field.choices(config).map((c) => [c.value, c.label.id]));
      out[field.airtable.column] = Array.isArray(value) ? value.map((v) => labels.get(v) ?? v) : (labels.get(value) ?? value);
    } else {
      out[field.airtable.column] = value;
    }
  }
  out[COLUMNS.status] = 'Baru';
  out[COLUMNS.submittedAt] = at.toISOString();
  out[COLUMNS.consentAt] = at.toISOString();
  out[COLUMNS.consentVersion] = config.consent.version;
  out[COLUMNS.consentLanguage] = CONSENT_LANGUAGES[lang];
  return out;
}

export interface AirtableSettings {
  token: string;
  baseId: string;
  table: string;
  endpointUrl?: string;
}

/** Settings from the environment, or undefined when no token is set (local development uses the stand-in). */
export function airtableSettingsFromEnv(env: Record<string, string | undefined> = process.env): AirtableSettings | undefined {
  if (!env.AIRTABLE_TOKEN || !env.AIRTABLE_BASE_ID) return undefined;
  return {
    token: env.AIRTABLE_TOKEN,
    baseId: env.AIRTABLE_BASE_ID,
    table: env.AIRTABLE_TABLE || 'Pendaftaran',
    endpointUrl: env.AIRTABLE_ENDPOINT_URL || undefined,
  };
}

export function airtableTable(s: AirtableSettings, requestTimeoutMs = 2500) {
  const airtable = new Airtable({
    apiKey: s.token,
    endpointUrl: s.endpointUrl ?? 'https://api.airtable.com',
    // The SDK otherwise retries a 429 for up to 10 minutes, far beyond a function's life; the outbox
    // retries instead.
    noRetryIfRateLimited: true,
    requestTimeout: requestTimeoutMs,
  });
  return airtable.base(s.baseId).table(s.table);
}

/** Airtable's formula quoting: backslash first, then the quote (there is no official escape function). */
export function formulaString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
