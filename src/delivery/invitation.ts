import { keyedHash } from '../server/keys';
import { INVITATION_COLUMNS } from './airtable-fields';

// The selection invitation staff set in Airtable beside the status (INVITATION_COLUMNS), as the status
// read brings it: when, where, what to bring, whom to ask for, a note, and whether it was called off.
// Its fingerprint (a keyed hash of what it says) tells one invitation from a changed one, and the
// letter's code is derived from the reference and that fingerprint, so changing any word of the
// invitation gives a new code and the old letter stops verifying.

export interface Invitation {
  /** The moment, ISO 8601 (Airtable's dateTime: an instant; staff type it in WIB). */
  at: string;
  place: string;
  bring?: string;
  contact?: string;
  note?: string;
  /** Staff ticked "Undangan: dibatalkan": the invitation stands, marked as called off. */
  cancelled?: boolean;
}

export type FingerprintedInvitation = Invitation & { fingerprint: string };

const text = (v: unknown): string | undefined => {
  const s = typeof v === 'string' ? v.trim().slice(0, 1000) : '';
  return s ? s : undefined;
};

/** The invitation in an Airtable record's fields, or undefined when staff have not set both its time and its place. */
export function invitationFromFields(fields: Record<string, unknown>): Invitation | undefined {
  const at = typeof fields[INVITATION_COLUMNS.at] === 'string' ? Date.parse(fields[INVITATION_COLUMNS.at] as string) : NaN;
  const place = text(fields[INVITATION_COLUMNS.place]);
  if (Number.isNaN(at) || !place) return undefined;
  const optional = {
    bring: text(fields[INVITATION_COLUMNS.bring]),
    contact: text(fields[INVITATION_COLUMNS.contact]),
    note: text(fields[INVITATION_COLUMNS.note]),
  };
  return {
    at: new Date(at).toISOString(),
    place,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(fields[INVITATION_COLUMNS.cancelled] === true ? { cancelled: true } : {}),
  };
}

/** A keyed hash of what the invitation says (not whether it is called off): equal wording, equal fingerprint. */
export function invitationFingerprint(inv: Invitation): string {
  const canonical = JSON.stringify([inv.at, inv.place, inv.bring ?? '', inv.contact ?? '', inv.note ?? '']);
  return keyedHash('letter-code', `invitation:${canonical}`).slice(0, 22);
}

export const withFingerprint = (inv: Invitation): FingerprintedInvitation => ({ ...inv, fingerprint: invitationFingerprint(inv) });

/**
 * The letter's code alphabet: no 0/O, 1/I/L, so a code read from paper or over the phone is typed right.
 * 31 characters; ten of them ≈ 8.2 × 10^14 codes (49.5 bits).
 */
export const LETTER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LETTER_CODE_LENGTH = 10;

/**
 * The letter's code: ten characters of an HMAC (its own key) over the reference and the invitation's
 * fingerprint. The 256-bit HMAC taken mod 31 ten times: the bias is below 2^-200.
 */
export function letterCode(reference: string, fingerprint: string): string {
  let n = BigInt(`0x${Buffer.from(keyedHash('letter-code', `code:${reference}:${fingerprint}`), 'base64url').toString('hex')}`);
  let code = '';
  for (let i = 0; i < LETTER_CODE_LENGTH; i++) {
    code += LETTER_ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return code;
}

/** "S. C. R." from "Siti Contoh Rahayu": what the verification page may say of a name, and all the cache keeps of it. */
export function initialsOf(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const initials = name
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}]/gu, '').charAt(0))
    .filter(Boolean)
    .slice(0, 4)
    .map((c) => `${c.toUpperCase()}.`);
  return initials.length ? initials.join(' ') : undefined;
}
