import { createHash } from 'node:crypto';

import type { Locale } from '../i18n';

// What a person agreed to, recorded with each registration: the notice's date and a short hash of the
// exact consent wording in both languages. Any change to the wording in the CMS gives a new version;
// the wording of a version is in the history of content/settings/site.yaml (docs/airtable.md).

export interface ConsentText {
  summary: Record<Locale, string>;
  label: Record<Locale, string>;
}

/** "2026-11-29#1a2b3c4d": the privacy notice's date, then the first 8 hex digits of SHA-256 of the wording. */
export function consentVersion(text: ConsentText, noticeDate: string): string {
  const wording = JSON.stringify([text.summary.id, text.label.id, text.summary.en, text.label.en]);
  return `${noticeDate}#${createHash('sha256').update(wording).digest('hex').slice(0, 8)}`;
}
