import type { Locale } from '../i18n';
import type { Registration } from '../registration/validate';
import { store } from '../server/blobs';
import { open, OutboxKeyError, type OutboxKeys, outboxKeysFromEnv, seal, type Sealed } from './outbox-crypto';

// The outbox's records (store registration-outbox, under item/<ref>). Durable first: an accepted
// registration is written here before the person is answered, and removed only after Airtable confirmed
// it. The personal part is sealed (outbox-crypto.ts); references, times and counts stay readable. Where
// a record waits (due or held) is in its queue key: queue-keys.ts, queue.ts.

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
export interface StoredItem extends OutboxRecord {
  sealed: Sealed;
}

/** A record with its submission opened, for a deliverer (the sealed form is kept to write it back unchanged). */
export interface OutboxItem extends StoredItem {
  submission: Submission;
}

/** The keys, or an error a caller can report: nothing is stored or opened without them. */
function keys(): OutboxKeys {
  const found = outboxKeysFromEnv();
  if (!found) throw new OutboxKeyError('OUTBOX_KEY_MISSING');
  return found;
}

const outbox = () => store('outbox');
const itemKey = (reference: string) => `item/${reference}`;

export async function readStored(reference: string): Promise<StoredItem | undefined> {
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

/** Writes the record with its sealed submission as it is (never the opened one), sealed or not. */
export async function writeStored(item: StoredItem | OutboxItem): Promise<void> {
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

/** Before a create: from now on the record may be in Airtable, and a later try looks it up first. */
export async function markSent(item: OutboxItem, now = new Date()): Promise<OutboxItem> {
  const sent = { ...item, sentAt: now.toISOString() };
  await writeItem(sent);
  return sent;
}

export async function deleteItem(reference: string): Promise<void> {
  await outbox().delete(itemKey(reference));
}
