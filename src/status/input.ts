import type { MessageKey } from '../i18n';
import { isReference } from '../registration/reference';
import { readMemorableDate } from '../shared/memorable-date';
import type { RawInput } from '../shared/raw-input';

// What the status check reads from a post: a reference, as people type it, and the birth date in
// three fields. Message keys, not texts (src/i18n has them in both languages).

export type StatusErrors = Partial<Record<'reference' | 'birthDate', MessageKey>>;

/** "srg 7k4qpx", "7K4QPX", " SRG-7K4QPX " → "SRG-7K4QPX"; anything else as typed (then refused). */
export function normalizeReference(raw: unknown): string {
  const s = (typeof raw === 'string' ? raw : '').toUpperCase().replace(/[\s_]/g, '');
  const code = s.replace(/^SRG-?/, '');
  return /^[A-Z0-9]{6}$/.test(code) ? `SRG-${code}` : s;
}

export function readStatusInput(raw: RawInput): { ok: true; reference: string; birthDate: string } | { ok: false; errors: StatusErrors } {
  const errors: StatusErrors = {};
  const reference = normalizeReference(raw.reference);
  if (!reference) errors.reference = 'status.error.reference.required';
  else if (!isReference(reference)) errors.reference = 'status.error.reference.invalid';
  const date = readMemorableDate(raw, 'birthDate');
  if (date.empty) errors.birthDate = 'reg.error.birthDate.required';
  else if (!date.iso) errors.birthDate = 'reg.error.birthDate.invalid';
  return Object.keys(errors).length || date.empty || !date.iso ? { ok: false, errors } : { ok: true, reference, birthDate: date.iso };
}
