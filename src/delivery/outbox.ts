import { createHmac, randomUUID } from 'node:crypto';
import { getStore } from '@netlify/blobs';
import type { AirtableFields } from './airtable';
import { newReference } from '../registration/reference';
import { forgetCachedStatus } from './status-cache';
import { open, OutboxKeyError, outboxKeysFromEnv, seal, type OutboxKeys, type Sealed } from './outbox-crypto';

// Durable first: an accepted registration is written here (strong consistency) before the person is
// answered, and removed only after Airtable confirmed it. It holds only what Airtable will hold.
//
// Every read a delivery run makes is bounded by the window it delivers, whatever waits behind it:
// order and due time are in the keys, so a run lists keys (never bodies) and reads only its window.
//   item/<ref>                       the record; its personal data sealed (outbox-crypto.ts)
//   due/<minute>/<second>/<created>_<ref>   waiting, in order of acceptance; a folder a second keeps
//                                    each listing small (the local Blobs server walks a folder entry by
//                                    entry; a backlog of 20,000 placed in a minute would otherwise be
//                                    listed whole for every window)
//   held/<notBefore>_<ref>           refused by Airtable for its content: waits out its own backoff
//   flag/<ref>                       an earlier record to flag "NIK ganda" in Airtable
// The NIK index (store registration-nik-index) holds keyed hashes of NIKs, never a NIK in clear.

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

/** As stored in Blobs: the record and its fields sealed. */
interface StoredItem extends OutboxRecord {
  sealed: Sealed;
}

/** A record with its fields opened, for a deliverer (the sealed form is kept to write it back unchanged). */
export interface OutboxItem extends StoredItem {
  fields: AirtableFields;
}

/** The keys, or an error a caller can report: nothing is stored or opened without them. */
function keys(): OutboxKeys {
  const found = outboxKeysFromEnv();
  if (!found) throw new OutboxKeyError('OUTBOX_KEY_MISSING');
  return found;
}

/** A waiting record as its key tells it, before its body is read. */
export interface QueueEntry {
  key: string;
  reference: string;
  /** ISO time: acceptance for due records, the end of the backoff for held ones. */
  at: string;
}

const outbox = () => getStore({ name: 'registration-outbox', consistency: 'strong' });
const submissions = () => getStore({ name: 'registration-submissions', consistency: 'strong' });
const references = () => getStore({ name: 'registration-references', consistency: 'strong' });
const leases = () => getStore({ name: 'registration-leases', consistency: 'strong' });
const nikIndex = () => getStore({ name: 'registration-nik-index', consistency: 'strong' });

/** 20261129T061903123Z: sortable, and a valid key segment everywhere. */
const stamp = (iso: string) => iso.replace(/[-:.]/g, '');
const unstamp = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;

const itemKey = (reference: string) => `item/${reference}`;
export const dueKey = (item: Pick<OutboxItem, 'reference' | 'createdAt'>) => {
  const s = stamp(item.createdAt);
  return `due/${s.slice(0, 13)}/${s.slice(13, 15)}/${s}_${item.reference}`;
};

/** The folders of due/ (minute, then second), oldest first, listed only as far as the caller reads. */
async function* dueFolders(): AsyncGenerator<string> {
  for (const minute of (await keysUnder('due/', { directories: true })).directories.sort()) {
    for (const second of (await keysUnder(`${minute}/`, { directories: true })).directories.sort()) yield second;
  }
}
const heldKey = (item: Pick<OutboxItem, 'reference' | 'notBefore'>) => `held/${stamp(item.notBefore!)}_${item.reference}`;

function entryOf(key: string): QueueEntry {
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

/** The record without opening its fields: for status views and existence checks. */
export async function readRecord(reference: string): Promise<OutboxRecord | undefined> {
  const stored = (await outbox().get(itemKey(reference), { type: 'json' })) as StoredItem | null;
  if (!stored) return undefined;
  const { sealed: _sealed, ...record } = stored;
  return record;
}

/** The record with its fields opened; throws OutboxKeyError when its key is not configured or the seal is broken. */
export async function readItem(reference: string): Promise<OutboxItem | undefined> {
  const stored = (await outbox().get(itemKey(reference), { type: 'json' })) as (StoredItem & { fields?: AirtableFields }) | null;
  if (!stored) return undefined;
  // Accepted before the outbox was sealed: sealed now, so every later write keeps it sealed.
  if (!stored.sealed && stored.fields) return { ...stored, fields: stored.fields, sealed: seal(stored.fields, stored.reference, keys()) };
  if (!stored.sealed) throw new OutboxKeyError('OUTBOX_SEAL_BROKEN');
  return { ...stored, fields: open(stored.sealed, stored.reference, keys()) };
}

/** Writes the record with its sealed fields as they are (never the opened ones). */
async function writeItem(item: StoredItem | OutboxItem): Promise<void> {
  const { fields: _fields, ...stored } = item as OutboxItem;
  await outbox().setJSON(itemKey(item.reference), stored);
}

/** Delivered (or found in Airtable already): the record and its queue key go. */
export async function removeItem(item: Pick<OutboxItem, 'reference' | 'createdAt' | 'notBefore'>): Promise<void> {
  const store = outbox();
  await store.delete(itemKey(item.reference));
  await Promise.all([store.delete(dueKey(item)), item.notBefore ? store.delete(heldKey(item)) : undefined]);
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
 * A record whose fields cannot be opened (sealed with a key no longer configured, or damaged): held
 * like a refused one, so it neither blocks the queue nor is lost; staff see its error in outbox:status.
 */
export async function holdUnreadable(reference: string, error: string, now = Date.now()): Promise<void> {
  const stored = (await outbox().get(itemKey(reference), { type: 'json' })) as StoredItem | null;
  if (stored) await holdItem(stored, error, now);
}

/** Refused for its content: waits out its own backoff under held/, its error visible to staff. */
export async function holdItem(item: StoredItem | OutboxItem, error: string, now = Date.now()): Promise<void> {
  const attempts = item.attempts + 1;
  const held: StoredItem = { ...item, attempts, lastError: error, notBefore: new Date(now + backoffMs(attempts)).toISOString() };
  const store = outbox();
  await writeItem(held);
  await store.set(heldKey(held), '');
  await Promise.all([store.delete(dueKey(item)), item.notBefore ? store.delete(heldKey(item)) : undefined]);
}

/** Every key of the outbox: for the staff's status view, never for a delivery run. */
export async function allEntries(): Promise<{ due: QueueEntry[]; held: QueueEntry[] }> {
  const [due, held] = await Promise.all([keysUnder('due/'), keysUnder('held/')]);
  return { due: due.keys.map(entryOf), held: held.keys.map(entryOf) };
}

/**
 * Reserves a reference for good (a create-only write holding only the time it was issued), so a
 * reference is never given twice — not even after the first one was delivered and left the outbox,
 * where the delivery's lookup would otherwise mistake the newcomer for an earlier record.
 */
async function reserveReference(reference: string, at: Date): Promise<boolean> {
  return (await references().set(reference, at.toISOString(), { onlyIfNew: true })).modified;
}

/** Whether this site issued the reference (and when), unless it was erased since: the receipt's question. */
export async function referenceIssue(reference: string): Promise<{ issued: boolean; at?: string }> {
  const value = await references().get(reference, { type: 'text' });
  if (value === null || value === ERASED) return { issued: false };
  return { issued: true, ...(value ? { at: value } : {}) };
}

export async function referenceIssued(reference: string): Promise<boolean> {
  return (await referenceIssue(reference)).issued;
}

/** The reservation stays (a reference is never given twice) but says the registration was erased. */
async function markErased(reference: string): Promise<void> {
  await references().set(reference, ERASED);
}
const ERASED = 'erased';

// Idempotency: a repeated submission (a double tap, a retry on a slow network) within 24 hours gets
// the reference it already got. Entries live in a folder per UTC day, so a lookup reads two keys
// (today's and yesterday's) and expiry deletes whole days (expireSubmissions), never scanning what
// is still needed. A reverse entry per reference lets an erase remove the submission too.
const IDEMPOTENCY_MS = 24 * 3600_000;
export const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const lastTwoDays = (now: number) => [dayOf(now), dayOf(now - IDEMPOTENCY_MS)];

/** The reference already given for this submission id within the last 24 hours, if any. */
export async function referenceForSubmission(submissionId: string, now = Date.now()): Promise<string | undefined> {
  const id = submissionId.toLowerCase();
  for (const day of lastTwoDays(now)) {
    const seen = (await submissions().get(`${day}/id/${id}`, { type: 'json' })) as { reference: string; at: number } | null;
    if (seen && now - seen.at < IDEMPOTENCY_MS) return seen.reference;
  }
  return undefined;
}

async function rememberSubmission(submissionId: string, reference: string, now = Date.now()): Promise<void> {
  const day = dayOf(now);
  const id = submissionId.toLowerCase();
  await Promise.all([submissions().setJSON(`${day}/id/${id}`, { reference, at: now }), submissions().set(`${day}/ref/${reference}`, id)]);
}

/** Removes the idempotency entries of one reference (an erase), wherever they are still kept. */
async function forgetSubmission(reference: string, now = Date.now()): Promise<boolean> {
  let found = false;
  for (const day of lastTwoDays(now)) {
    const id = await submissions().get(`${day}/ref/${reference}`, { type: 'text' });
    if (id === null) continue;
    found = true;
    await Promise.all([submissions().delete(`${day}/id/${id}`), submissions().delete(`${day}/ref/${reference}`)]);
  }
  return found;
}

/**
 * Deletes idempotency entries of days that ended more than 24 hours ago, at most `limit` keys a call
 * (the daily privacy run calls it; what is left goes next time). Returns how many it deleted.
 */
export async function expireSubmissions(limit: number, now = Date.now()): Promise<{ deleted: number; unfinished: boolean }> {
  const keep = new Set(lastTwoDays(now));
  const store = submissions();
  let deleted = 0;
  for await (const page of store.list({ directories: true, paginate: true })) {
    for (const day of page.directories.sort()) {
      if (keep.has(day) || !/^\d{8}$/.test(day)) continue;
      for await (const keys of store.list({ prefix: `${day}/`, paginate: true })) {
        for (const b of keys.blobs) {
          if (deleted >= limit) return { deleted, unfinished: true };
          await store.delete(b.key);
          deleted++;
        }
      }
    }
  }
  return { deleted, unfinished: false };
}

/** A keyed hash (HMAC-SHA-256) of a NIK: the same NIK gives the same hash, which reveals nothing without the key. */
export function nikHash(nik: string, key: string): string {
  return createHmac('sha256', key).update(nik).digest('base64url');
}

/**
 * Records a NIK at acceptance. The first record of a NIK takes the `first` marker; a later one sets
 * `shared`, and asks for the first to be flagged too (a flag task, in case it reached Airtable
 * already). Three writes at most, however many records share the NIK.
 */
async function indexNik(hash: string, reference: string): Promise<void> {
  const index = nikIndex();
  if ((await index.set(`${hash}/first`, reference, { onlyIfNew: true })).modified) return;
  const first = await index.get(`${hash}/first`, { type: 'text' });
  if (first === reference) return;
  await index.set(`${hash}/shared`, '');
  if (first) await outbox().set(`flag/${first}`, '');
}

/** Whether another record has the same NIK: one read, whatever their number. */
export async function nikShared(hash: string | undefined): Promise<boolean> {
  if (!hash) return false;
  return (await nikIndex().get(`${hash}/shared`, { type: 'text' })) !== null;
}

/**
 * Removes everything the outbox and its indexes hold about one reference — the record, its queue keys,
 * a flag task, its NIK index marker, its idempotency entries — and marks the reference erased (it stays
 * reserved, so it is never given to someone else). The caller holds the reference's lease, so no
 * deliverer is sending it meanwhile. `nikHash` is the record's, when the outbox no longer has it.
 * Returns what was removed, by name, never content.
 */
export async function eraseFromOutbox(reference: string, nikHash?: string): Promise<string[]> {
  const removed: string[] = [];
  const store = outbox();
  const stored = (await store.get(itemKey(reference), { type: 'json' })) as StoredItem | null;
  if (stored) {
    await removeItem(stored);
    removed.push(stored.notBefore ? 'outbox: ditahan (held)' : 'outbox: menunggu (due)');
  }
  if ((await store.get(`flag/${reference}`, { type: 'text' })) !== null) {
    await store.delete(`flag/${reference}`);
    removed.push('outbox: tugas tanda NIK ganda');
  }
  const hash = stored?.nikHash ?? nikHash;
  if (hash && (await nikIndex().get(`${hash}/first`, { type: 'text' })) === reference) {
    await nikIndex().delete(`${hash}/first`);
    removed.push('indeks NIK');
  }
  if (await forgetSubmission(reference)) removed.push('catatan kiriman ganda (idempotensi)');
  if (await forgetCachedStatus(reference)) removed.push('simpanan cek status');
  return removed;
}

/** Last step of an erase, once every copy is gone: the receipt no longer confirms the reference. */
export async function markReferenceErased(reference: string): Promise<boolean> {
  const issued = await referenceIssued(reference);
  if (issued) await markErased(reference);
  return issued;
}

/** Earlier records to flag "NIK ganda" in Airtable, at most `limit`. */
export async function flagTasks(limit: number): Promise<string[]> {
  return (await keysUnder('flag/')).keys.slice(0, limit).map((k) => k.slice('flag/'.length));
}

export async function flagTaskDone(reference: string): Promise<void> {
  await outbox().delete(`flag/${reference}`);
}

/** Durable first: a fresh reference, the record in the outbox and its queue key, the NIK indexed. */
export async function acceptRegistration(
  fieldsFor: (reference: string, at: Date) => AirtableFields,
  options: { submissionId?: string; nikHash?: string } = {},
): Promise<OutboxItem> {
  const sealWith = keys();
  const at = new Date();
  let reference = newReference();
  while (!(await reserveReference(reference, at))) reference = newReference();
  const fields = fieldsFor(reference, at);
  const item: OutboxItem = {
    reference,
    fields,
    sealed: seal(fields, reference, sealWith),
    createdAt: at.toISOString(),
    attempts: 0,
    ...(options.nikHash ? { nikHash: options.nikHash } : {}),
  };
  // The record and the NIK index before the queue key: a record a deliverer finds in the queue is
  // there in full, and knows whether its NIK is shared. Independent writes go at once.
  await Promise.all([writeItem(item), options.nikHash ? indexNik(options.nikHash, reference) : undefined]);
  await outbox().set(dueKey(item), '');
  // Last: a repeated submission is answered with this reference only once the record is queued.
  if (options.submissionId) await rememberSubmission(options.submissionId, reference);
  return item;
}

/**
 * Claims the right to deliver one registration for `ttlMs`, so two deliverers (overlapping runs, the
 * background drain, a flush) never send the same record at once. Uses Blobs' conditional writes:
 * create-if-new, or take over an expired lease only if nobody else changed it meanwhile.
 */
export async function claim(reference: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const store = leases();
  const owner = randomUUID();
  // The expiry lives in the metadata so one getMetadata call returns it together with the owner.
  const write = (options: { onlyIfNew: true } | { onlyIfMatch: string }) =>
    store.set(reference, '', { metadata: { until: now + ttlMs, owner }, ...options });
  let won = (await write({ onlyIfNew: true })).modified;
  if (!won) {
    // ETag first (from list: the local Blobs server sends none on reads), then the expiry: if the
    // lease changes in between, the conditional write below fails, as it should.
    const etag = (await store.list({ prefix: reference })).blobs.find((b) => b.key === reference)?.etag;
    const current = await store.getMetadata(reference);
    if (!current || !etag) won = (await write({ onlyIfNew: true })).modified;
    else if (Number(current.metadata.until) <= now) won = (await write({ onlyIfMatch: etag })).modified;
  }
  if (!won) return false;
  // Read back after a moment: a store whose conditional writes are not atomic (the local Blobs server
  // checks, then writes) lets two claimants both "win"; only the one whose owner id stayed proceeds.
  await new Promise((r) => setTimeout(r, 25));
  return (await store.getMetadata(reference))?.metadata.owner === owner;
}

/** Whether someone holds this lease now. */
export async function leaseHeld(key: string, now = Date.now()): Promise<boolean> {
  return (Number((await leases().getMetadata(key))?.metadata.until) || 0) > now;
}

export async function release(reference: string): Promise<void> {
  await leases().delete(reference);
}

/** References leased right now (a deliverer is sending them): for the status view. */
export async function leasedReferences(now = Date.now()): Promise<string[]> {
  const store = leases();
  // Record leases only (the background drain's lease is named drain/…).
  const blobs = (await store.list()).blobs.filter((b) => !b.key.includes('/'));
  const live = await Promise.all(blobs.map(async (b) => ((Number((await store.getMetadata(b.key))?.metadata.until) || 0) > now ? b.key : undefined)));
  return live.filter((r): r is string => !!r);
}
