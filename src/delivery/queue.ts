import type { Locale } from '../i18n';
import type { Registration } from '../registration/validate';
import { store } from '../server/blobs';
import { open, OutboxKeyError, type OutboxKeys, outboxKeysFromEnv, seal, type Sealed } from './outbox-crypto';

// The outbox queue (store registration-outbox). Durable first: an accepted registration is written
// here before the person is answered, and removed only after Airtable confirmed it.
//
// Every read a delivery run makes is bounded by the window it delivers, whatever waits behind it:
// order and due time are in the keys, so a run lists keys (never bodies) and reads only its window.
//   item/<ref>                       the record; its personal part sealed (outbox-crypto.ts)
//   due/<minute>/<second>/<created>_<ref>   waiting, in order of acceptance; a folder a second keeps
//                                    each listing small (the local Blobs server walks a folder entry by
//                                    entry; a backlog of 20,000 placed in a minute would otherwise be
//                                    listed whole for every window)
//   held/<notBefore>_<ref>           refused by Airtable for its content: waits out its own backoff
//   flag/<ref>                       an earlier record to flag "NIK ganda" in Airtable

/** The registration as the person submitted it, in the form's own field names (fields.ts). */
export interface Submission {
  values: Registration;
  /** The chosen values' labels as the form showed them (fields.ts choiceLabels), by field name. */
  labels: Record<string, string | string[]>;
  /** The language the form (and its consent text) was read in. */
  lang: Locale;
  consentVersion: string;
}

/** A record as the queue sees it: everything but the personal data. */
export interface OutboxRecord {
  reference: string;
  createdAt: string;
  /** Creates Airtable refused or left unanswered. */
  attempts: number;
  /** Set before a create is sent: until Airtable confirms, the record may be there already. */
  sentAt?: string;
  /** Error type and status from the last refusal; never record content. */
  lastError?: string;
  /** Held (refused for its content): not tried again before this time (ISO). */
  notBefore?: string;
  /** Keyed hash of the NIK: finds the other records that share it without the NIK itself. */
  nikHash?: string;
}

/** As stored in Blobs: the record and its submission sealed. */
interface StoredItem extends OutboxRecord {
  sealed: Sealed;
}

/** A record with its submission opened, for a deliverer (the sealed form is kept to write it back unchanged). */
export interface OutboxItem extends StoredItem {
  submission: Submission;
}

/** A waiting record as its key tells it, before its body is read. */
export interface QueueEntry {
  key: string;
  reference: string;
  /** ISO time: acceptance for due records, the end of the backoff for held ones. */
  at: string;
}

/** The keys, or an error a caller can report: nothing is stored or opened without them. */
function keys(): OutboxKeys {
  const found = outboxKeysFromEnv();
  if (!found) throw new OutboxKeyError('OUTBOX_KEY_MISSING');
  return found;
}

const outbox = () => store('outbox');

/** 20261129T061903123Z: sortable, and a valid key segment everywhere. */
const stamp = (iso: string) => iso.replace(/[-:.]/g, '');
const unstamp = (s: string) =>
  `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;

const itemKey = (reference: string) => `item/${reference}`;
export const dueKey = (item: Pick<OutboxRecord, 'reference' | 'createdAt'>) => {
  const s = stamp(item.createdAt);
  return `due/${s.slice(0, 13)}/${s.slice(13, 15)}/${s}_${item.reference}`;
};
export const heldKey = (item: Pick<OutboxRecord, 'reference' | 'notBefore'>) => `held/${stamp(item.notBefore!)}_${item.reference}`;
const flagKey = (reference: string) => `flag/${reference}`;

/** A queue key read back as the entry it names. */
export function entryOf(key: string): QueueEntry {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const [at, reference] = name.split('_') as [string, string];
  return { key, reference, at: unstamp(at) };
}

/**
 * 1, 2, 4 … minutes after each refusal, at most an hour: a record Airtable refuses for its content
 * must not spend an API call every minute (monthly caps) while staff fix the base.
 */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** Keys under a prefix, page by page as the store lists them. */
async function keysUnder(prefix: string, options: { directories?: boolean } = {}): Promise<{ keys: string[]; directories: string[] }> {
  const keys: string[] = [];
  const directories: string[] = [];
  for await (const page of outbox().list({ prefix, paginate: true, ...options })) {
    keys.push(...page.blobs.map((b) => b.key));
    directories.push(...page.directories);
  }
  return { keys, directories };
}

/** The folders of due/ (minute, then second), oldest first, listed only as far as the caller reads. */
async function* dueFolders(): AsyncGenerator<string> {
  for (const minute of (await keysUnder('due/', { directories: true })).directories.sort()) {
    for (const second of (await keysUnder(`${minute}/`, { directories: true })).directories.sort()) yield second;
  }
}

/**
 * The next records to deliver, at most `limit`, oldest first: held records whose backoff has ended
 * (all of them with `ignoreBackoff`), then due ones. Reads keys only, from as few folders as the
 * window needs, so its cost does not grow with the backlog behind it.
 */
export async function nextWindow(limit: number, { ignoreBackoff = false, now = Date.now() } = {}): Promise<QueueEntry[]> {
  const held = (await keysUnder('held/')).keys.map(entryOf).sort((a, b) => a.key.localeCompare(b.key));
  const window = held.filter((e) => ignoreBackoff || Date.parse(e.at) <= now).slice(0, limit);
  if (window.length >= limit) return window;
  for await (const folder of dueFolders()) {
    const keys = (await keysUnder(`${folder}/`)).keys.sort();
    window.push(...keys.slice(0, limit - window.length).map(entryOf));
    if (window.length >= limit) break;
  }
  return window;
}

/** When the oldest record still waiting in due/ was accepted (ISO), from keys alone. */
export async function oldestDueAt(): Promise<string | undefined> {
  for await (const folder of dueFolders()) {
    const key = (await keysUnder(`${folder}/`)).keys.sort()[0];
    if (key) return entryOf(key).at;
  }
  return undefined;
}

/** Every key of the outbox: for the staff's status view, never for a delivery run. */
export async function allEntries(): Promise<{ due: QueueEntry[]; held: QueueEntry[] }> {
  const [due, held] = await Promise.all([keysUnder('due/'), keysUnder('held/')]);
  return { due: due.keys.map(entryOf), held: held.keys.map(entryOf) };
}

async function readStored(reference: string): Promise<StoredItem | undefined> {
  return ((await outbox().get(itemKey(reference), { type: 'json' })) as StoredItem | null) ?? undefined;
}

/** The record without opening its submission: for status views and existence checks. */
export async function readRecord(reference: string): Promise<OutboxRecord | undefined> {
  const stored = await readStored(reference);
  if (!stored) return undefined;
  const { sealed: _sealed, ...record } = stored;
  return record;
}

/** The record with its submission opened; throws OutboxKeyError when its key is not configured or the seal is broken. */
export async function readItem(reference: string): Promise<OutboxItem | undefined> {
  const stored = await readStored(reference);
  if (!stored) return undefined;
  // Every record is sealed at acceptance; one that is not was not written by this site.
  if (!stored.sealed) throw new OutboxKeyError('OUTBOX_SEAL_BROKEN');
  return { ...stored, submission: open<Submission>(stored.sealed, stored.reference, keys()) };
}

/** Writes the record with its sealed submission as it is (never the opened one). */
async function writeStored(item: StoredItem | OutboxItem): Promise<void> {
  const { submission: _submission, ...stored } = item as OutboxItem;
  await outbox().setJSON(itemKey(item.reference), stored);
}

/** The outbox refuses a record whose personal part is not sealed. */
async function writeItem(item: StoredItem | OutboxItem): Promise<void> {
  if (!item.sealed) throw new OutboxKeyError('OUTBOX_SEAL_BROKEN');
  await writeStored(item);
}

/** A new record, sealed: written before its queue key, so a deliverer that finds the key finds it whole. */
export async function writeNewItem(record: OutboxRecord, submission: Submission): Promise<OutboxItem> {
  const item: OutboxItem = { ...record, submission, sealed: seal(submission, record.reference, keys()) };
  await writeItem(item);
  return item;
}

/** Makes a written record due: the deliverers see it from now on. */
export async function enqueue(record: Pick<OutboxRecord, 'reference' | 'createdAt'>): Promise<void> {
  await outbox().set(dueKey(record), '');
}

/** Delivered (or found in Airtable already, or erased): the record and its queue key go. */
export async function removeItem(item: Pick<OutboxRecord, 'reference' | 'createdAt' | 'notBefore'>): Promise<void> {
  const s = outbox();
  await s.delete(itemKey(item.reference));
  await Promise.all([s.delete(dueKey(item)), item.notBefore ? s.delete(heldKey(item)) : undefined]);
}

/** Removes a record by reference, wherever it waits; returns how it waited, if it did. */
export async function removeByReference(reference: string): Promise<'due' | 'held' | undefined> {
  const stored = await readStored(reference);
  if (!stored) return undefined;
  await removeItem(stored);
  return stored.notBefore ? 'held' : 'due';
}

/** A queue key whose record is gone (delivered or erased by another deliverer). */
export async function dropEntry(entry: QueueEntry): Promise<void> {
  await outbox().delete(entry.key);
}

/** Before a create: from now on the record may be in Airtable, and a later try looks it up first. */
export async function markSent(item: OutboxItem, now = new Date()): Promise<OutboxItem> {
  const sent = { ...item, sentAt: now.toISOString() };
  await writeItem(sent);
  return sent;
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
export async function holdItem(item: StoredItem | OutboxItem, error: string, now = Date.now()): Promise<void> {
  const attempts = item.attempts + 1;
  const held: StoredItem = { ...item, attempts, lastError: error, notBefore: new Date(now + backoffMs(attempts)).toISOString() };
  const s = outbox();
  // Held as it is, sealed or not: a record that cannot be opened is kept for staff, never dropped.
  await writeStored(held);
  await s.set(heldKey(held), '');
  await Promise.all([s.delete(dueKey(item)), item.notBefore ? s.delete(heldKey(item)) : undefined]);
}

/** Earlier records to flag "NIK ganda" in Airtable, at most `limit`. */
export async function flagTasks(limit: number): Promise<string[]> {
  return (await keysUnder('flag/')).keys.slice(0, limit).map((k) => k.slice('flag/'.length));
}

export async function addFlagTask(reference: string): Promise<void> {
  await outbox().set(flagKey(reference), '');
}

/** Removes a flag task; returns whether there was one. */
export async function flagTaskDone(reference: string): Promise<boolean> {
  if ((await outbox().get(flagKey(reference), { type: 'text' })) === null) return false;
  await outbox().delete(flagKey(reference));
  return true;
}
