import { store } from '../server/blobs';
import { deleteItem, type OutboxRecord, readStored, type StoredItem, writeStored } from './outbox-items';
import { dueKey, heldKey, type QueueEntry } from './queue-keys';

// A record's moves through the outbox's queue: made due once written, gone once delivered (or erased),
// held when Airtable refuses it for its content. Keys: queue-keys.ts; records: outbox-items.ts.

/** How a record waits: due (in order of acceptance) or held (refused, waiting out its backoff). */
export type WaitState = 'due' | 'held';
export const waitState = (record: Pick<OutboxRecord, 'notBefore'>): WaitState => (record.notBefore ? 'held' : 'due');
/** The same states as staff read them (outbox:status, registrations:find|erase). */
export const WAIT_STATE_WORDS = { due: 'menunggu', held: 'ditahan' } as const satisfies Record<WaitState, string>;

const outbox = () => store('outbox');

/**
 * 1, 2, 4 … minutes after each refusal, at most an hour: a record Airtable refuses for its content
 * must not spend an API call every minute (monthly caps) while staff fix the base.
 */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** Makes a written record due: the deliverers see it from now on. */
export async function enqueue(record: Pick<OutboxRecord, 'reference' | 'createdAt'>): Promise<void> {
  await outbox().set(dueKey(record), '');
}

/** Delivered (or found in Airtable already, or erased): the record and its queue key go. */
export async function removeItem(item: Pick<OutboxRecord, 'reference' | 'createdAt' | 'notBefore'>): Promise<void> {
  const s = outbox();
  await deleteItem(item.reference);
  await Promise.all([s.delete(dueKey(item)), item.notBefore ? s.delete(heldKey(item)) : undefined]);
}

/** Removes a record by reference, wherever it waits; returns how it waited, if it did. */
export async function removeByReference(reference: string): Promise<WaitState | undefined> {
  const stored = await readStored(reference);
  if (!stored) return undefined;
  await removeItem(stored);
  return waitState(stored);
}

/** A queue key whose record is gone (delivered or erased by another deliverer). */
export async function dropEntry(entry: QueueEntry): Promise<void> {
  await outbox().delete(entry.key);
}

/**
 * A record whose submission cannot be opened (sealed with a key no longer configured, or damaged):
 * held like a refused one, so it neither blocks the queue nor is lost; staff see its error.
 */
export async function holdUnreadable(reference: string, error: string, now = Date.now()): Promise<void> {
  const stored = await readStored(reference);
  if (stored) await holdItem(stored, error, now);
}

/** Refused for its content: waits out its own backoff under held/, its error visible to staff. */
export async function holdItem(item: StoredItem, error: string, now = Date.now()): Promise<void> {
  const attempts = item.attempts + 1;
  const held: StoredItem = { ...item, attempts, lastError: error, notBefore: new Date(now + backoffMs(attempts)).toISOString() };
  const s = outbox();
  // Held as it is, sealed or not: a record that cannot be opened is kept for staff, never dropped.
  await writeStored(held);
  await s.set(heldKey(held), '');
  await Promise.all([s.delete(dueKey(item)), item.notBefore ? s.delete(heldKey(item)) : undefined]);
}
