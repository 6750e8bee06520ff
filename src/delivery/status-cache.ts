import { store as blobStore } from '../server/blobs';
import { keyedHash } from '../server/keys';

// What the status check last read from Airtable for a reference: the status and a keyed hash of the
// birth date (never the date), with the time it was read. A stage changes rarely, so checks within the
// cache window cost no Airtable call; a wrong birth date is answered from it too. Kept here, beside
// the outbox, so an erase or the retention run removes it with the rest.

export interface CachedStatus {
  /** The Airtable Status, or none when the reference has no row (deleted by staff). */
  status?: string;
  birth?: string;
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

export async function forgetCachedStatus(reference: string): Promise<boolean> {
  if ((await store().get(reference, { type: 'text' })) === null) return false;
  await store().delete(reference);
  return true;
}
