import { store as blobStore } from '../server/blobs';
import { keyedHash } from '../server/keys';
import { type FingerprintedInvitation, letterCode } from './invitation';
import { forgetLetter } from './letter-index';

// What the status check last read from Airtable for a reference: the status, a keyed hash of the
// birth date (never the date), the name's initials (never the name), the selection invitation staff
// set, with the time it was read. A stage changes rarely, so checks within the cache window cost no
// Airtable call; a wrong birth date is answered from it too. Kept here, beside the outbox, so an erase
// or the retention run removes it with the rest. The invitation shown before the current one is kept
// as its fingerprint and time, so the person is told it changed or was withdrawn.

export interface CachedStatus {
  /** The Airtable Status, or none when the reference has no row (deleted by staff). */
  status?: string;
  birth?: string;
  /** "S. C. R.": what the letter's verification may say of the name. */
  initials?: string;
  invitation?: FingerprintedInvitation;
  /** The invitation before this one (changed, or taken back), and when the change was read. */
  previous?: { fingerprint: string; at: string; seen: number };
  /** Epoch ms of the read. */
  at: number;
}

const store = () => blobStore('statusCache');

/** The birth date's keyed hash, bound to the reference (equal dates of two people do not match). */
export function birthHash(reference: string, birthDate: string): string {
  return keyedHash('birth-date', `${reference}:${birthDate}`);
}

export async function readCachedStatus(reference: string): Promise<CachedStatus | undefined> {
  return ((await store().get(reference, { type: 'json' })) as CachedStatus | null) ?? undefined;
}

export async function writeCachedStatus(reference: string, value: CachedStatus): Promise<void> {
  await store().setJSON(reference, value);
}

/** What follows a fresh read: the earlier invitation is remembered when this one differs from it (or is gone). */
export function withHistory(before: CachedStatus | undefined, fresh: CachedStatus): CachedStatus {
  const was = before?.invitation;
  const changed = was && was.fingerprint !== fresh.invitation?.fingerprint;
  const previous = changed ? { fingerprint: was.fingerprint, at: was.at, seen: fresh.at } : before?.previous;
  // Put back as it was: no change to tell.
  const kept = previous && previous.fingerprint !== fresh.invitation?.fingerprint ? { previous } : {};
  return { ...fresh, ...kept };
}

/**
 * Keeps a fresh Airtable read, with the invitation's history (withHistory); a letter whose invitation
 * changed or was withdrawn loses its code at once (letter-index.ts). The read before costs one store
 * read on the Airtable path only.
 */
export async function recordRead(reference: string, fresh: CachedStatus): Promise<CachedStatus> {
  const before = await readCachedStatus(reference);
  const next = withHistory(before, fresh);
  await writeCachedStatus(reference, next);
  const was = before?.invitation;
  if (was && was.fingerprint !== next.invitation?.fingerprint) await forgetLetter(letterCode(reference, was.fingerprint));
  return next;
}

export async function forgetCachedStatus(reference: string): Promise<boolean> {
  if ((await store().get(reference, { type: 'text' })) === null) return false;
  await store().delete(reference);
  return true;
}
