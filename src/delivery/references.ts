import { newReference } from '../registration/reference';
import { store, writeConfirmed } from '../server/blobs';

// Every reference this site issued (store registration-references): a create-only key holding the
// time it was issued, kept for good so a reference is never given twice — not even after the first
// one was delivered and left the outbox, where the delivery's lookup would otherwise mistake the
// newcomer for an earlier record. An erased registration's key stays, marked erased.

const references = () => store('references');
const ERASED = 'erased';

/**
 * A fresh reference, reserved for good at `at` — only once the store confirmed it (src/server/blobs.ts
 * writeConfirmed; an unconfirmed write throws StoreRefused and nothing is accepted).
 */
export async function issueReference(at: Date): Promise<string> {
  for (;;) {
    const reference = newReference();
    if (await writeConfirmed(references(), reference, { onlyIfNew: true }, { data: at.toISOString() })) return reference;
  }
}

/** Whether this site issued the reference (and when), unless it was erased since. */
export async function referenceIssue(reference: string): Promise<{ issued: boolean; at?: string }> {
  const value = await references().get(reference, { type: 'text' });
  if (value === null || value === ERASED) return { issued: false };
  return { issued: true, ...(value ? { at: value } : {}) };
}

export async function referenceIssued(reference: string): Promise<boolean> {
  return (await referenceIssue(reference)).issued;
}

/** Last step of an erase: the reservation stays but the receipt no longer confirms it. Returns whether it was issued. */
export async function markReferenceErased(reference: string): Promise<boolean> {
  const issued = await referenceIssued(reference);
  if (issued) await references().set(reference, ERASED);
  return issued;
}
