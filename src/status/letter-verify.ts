import { LETTER_ALPHABET, LETTER_CODE_LENGTH, letterCode } from '../delivery/invitation';
import { readLetter } from '../delivery/letter-index';
import type { MessageKey } from '../i18n';
import { StoreRefused } from '../server/blobs';
import type { RawInput } from '../shared/raw-input';
import { type CheckOptions, ownerStatus } from './check';
import { letterStands } from './invitation';
import { LETTER_LIMITS, type LetterLimited, VerificationCount } from './letter-limits';

// The letter verification: a code in, "genuine: an invitation to selection on <date> at <place>, for
// SRG-7K••PX, S. C. R." or one "not a letter of this program" out. Guessing gets nothing: every code
// takes the same store reads — the code's entry (letter-index.ts), then the owner's view of its
// reference or of one never issued (check.ts ownerStatus: whether issued, the outbox record, the
// cached status) — no Airtable call for a code that matches no letter in force, and no answer before
// FLOOR_MS. Only a code recorded for a letter, whose reference's cached status is older than the cache
// window, costs one Airtable read (through the shared budget) and may take longer: it was a real letter,
// and the read tells whether it still stands.
// A code counts against its client's wrong tries before it is looked up, and gives the try back when
// it matched (letter-limits.ts); when the store does not confirm a count the answer is "busy". A code verifies only while its invitation is the one staff set (same
// fingerprint, not called off, its day not 30 days past): a changed or withdrawn invitation's letter
// stops verifying as soon as the status read sees the change.

export type LetterAnswer =
  | { kind: 'genuine'; reference: string; initials?: string; at: string; place: string }
  | { kind: 'unknown' }
  | { kind: 'busy' }
  | { kind: 'limited'; scope: LetterLimited };

export interface VerifyOptions extends Pick<CheckOptions, 'airtable' | 'cacheMs'> {
  ip: string;
  now?: number;
  limits?: Partial<typeof LETTER_LIMITS>;
  floorMs?: number;
}

/** A store read a little longer than the status check's: one more read, before the other three. */
const FLOOR_MS = 300;
/** Read for a code that matches no letter, so it costs what a known one costs; "0" is in no reference. */
const NO_REFERENCE = 'SRG-000000';

const waitUntil = async (t: number) => {
  const ms = t - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
};

/** "7k4qp xr2ma", "7K4QP-XR2MA" → "7K4QPXR2MA"; anything else as typed (then refused). */
export function normalizeLetterCode(raw: unknown): string {
  return (typeof raw === 'string' ? raw : '')
    .toUpperCase()
    .replace(/[\s\-.]/g, '')
    .slice(0, 40);
}

export const isLetterCode = (code: string) => code.length === LETTER_CODE_LENGTH && [...code].every((c) => LETTER_ALPHABET.includes(c));

/** "7K4QP-XR2MA": two groups of five, as printed and read aloud. */
export const formatLetterCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

export function readLetterInput(raw: RawInput): { ok: true; code: string } | { ok: false; error: MessageKey; typed: string } {
  const code = normalizeLetterCode(raw.kode);
  if (!code) return { ok: false, error: 'letter.error.code.required', typed: '' };
  if (!isLetterCode(code))
    return { ok: false, error: 'letter.error.code.invalid', typed: typeof raw.kode === 'string' ? raw.kode.slice(0, 20) : '' };
  return { ok: true, code };
}

/** "SRG-7K••PX": enough to match a letter in hand, not enough to check its status. */
export const maskedReference = (reference: string) => `${reference.slice(0, 6)}••${reference.slice(8)}`;

export async function verifyLetter(code: string, opts: VerifyOptions): Promise<LetterAnswer> {
  const started = Date.now();
  const now = opts.now ?? started;
  const count = new VerificationCount(opts.ip, now, opts.limits);
  const answer = await (async (): Promise<LetterAnswer> => {
    const limited = await count.take();
    if (limited) return { kind: 'limited', scope: limited };
    const found = await readLetter(code);
    // A code past its time is read as one never issued: the same reads, and never an Airtable call.
    const entry = found && now <= found.until ? found : undefined;
    const { ip: _ip, limits: _limits, floorMs: _floor, ...checkOptions } = opts;
    const stage = await ownerStatus(entry?.reference ?? NO_REFERENCE, { ...checkOptions, now });
    const view = stage.kind === 'stage' ? stage.invitation : undefined;
    if (
      entry &&
      letterStands(view) &&
      view.invitation.fingerprint === entry.fingerprint &&
      letterCode(entry.reference, entry.fingerprint) === code
    ) {
      await count.giveBackWrong();
      return {
        kind: 'genuine',
        reference: maskedReference(entry.reference),
        at: view.invitation.at,
        place: view.invitation.place,
        ...(view.initials ? { initials: view.initials } : {}),
      };
    }
    return { kind: 'unknown' };
  })().catch(async (e: unknown): Promise<LetterAnswer> => {
    // The store did not confirm a count: nothing is told, and what was taken goes back.
    if (!(e instanceof StoreRefused)) throw e;
    await count.giveBackAll();
    return { kind: 'busy' };
  });
  await waitUntil(started + (opts.floorMs ?? FLOOR_MS));
  return answer;
}
