import { randomUUID } from 'node:crypto';

import { getStore } from '@netlify/blobs';

import { todayInSerang } from '../shared/serang-time';

// Every Blobs store the functions use, named once, and the three patterns they share: a write that
// only one of several simultaneous writers wins, a counter that decides after its own increment, and
// time-bucket folders that expire whole. Each store has one owning module (README "Layout").

const STORES = {
  /** src/delivery/outbox-items.ts, queue-keys.ts, queue.ts, flag-tasks.ts: records waiting for Airtable, their queue keys, flag tasks. */
  outbox: 'registration-outbox',
  /** src/delivery/submissions.ts: idempotency of form submissions. */
  submissions: 'registration-submissions',
  /** src/delivery/references.ts: every reference ever issued (and whether it was erased). */
  references: 'registration-references',
  /** src/delivery/leases.ts: who is delivering which record, and the background drain. */
  leases: 'registration-leases',
  /** src/delivery/nik-index.ts: keyed NIK hashes (shared NIKs, registrations per NIK). */
  nikIndex: 'registration-nik-index',
  /** src/delivery/pause.ts and honeypot-count.ts: delivery's pause, honeypot hits. */
  delivery: 'registration-delivery',
  /** src/delivery/airtable-budget.ts: the one 5-a-second schedule per base. */
  budget: 'airtable-budget',
  /** src/delivery/status-cache.ts: the last status read per reference. */
  statusCache: 'status-cache',
  /** src/status/limits.ts and src/delivery/ceiling.ts: counters of the public limits. */
  limits: 'status-limits',
  /** src/delivery/letter-index.ts: selection invitation letters' codes, for the verification page. */
  letters: 'invitation-letters',
  /** src/figures/figures-store.ts: the published figures and a computation in progress. */
  figures: 'program-figures',
} as const;

type StoreName = keyof typeof STORES;

export const store = (name: StoreName) => getStore({ name: STORES[name], consistency: 'strong' });
export type Store = ReturnType<typeof store>;

/**
 * A write that counts nothing because the store did not confirm it (a 429, a 5xx, a lost answer that
 * reading back could not settle). Whatever it was to count is refused: the caller answers "busy".
 */
export class StoreRefused extends Error {
  constructor(readonly key: string) {
    super('store_refused');
  }
}

/**
 * A conditional write that counts only when the store confirmed it. @netlify/blobs 11.1.1 answers
 * `{ modified: false }` for a 412 alone: any other status (429, 500, 503, 401) reads `{ modified: true }`
 * with an empty ETag. It also sends a failed request again by itself, so a write can land while its
 * answer is lost, and the repeat then meets that very write (412). So an ETag is a success, and anything
 * else is settled by reading back the owner id this write carried: ours, a success whose answer was
 * lost; another's after a 412, lost to another writer; otherwise StoreRefused.
 * Only Netlify's service and tools/local-blobs.ts take conditional writes to one key one at a time (the
 * stock local server under `npm start` checks, then writes).
 */
export async function writeConfirmed(
  s: Store,
  key: string,
  condition: { onlyIfNew: true } | { onlyIfMatch: string },
  options: { data?: string; metadata?: Record<string, unknown>; owner?: string } = {},
): Promise<boolean> {
  const { data = '', metadata = {}, owner = randomUUID() } = options;
  const result = await s.set(key, data, { ...condition, metadata: { ...metadata, owner } }).catch(() => undefined);
  if (result?.modified && result.etag) return true;
  let holder: unknown;
  try {
    holder = (await s.getMetadata(key))?.metadata.owner;
  } catch {
    throw new StoreRefused(key);
  }
  if (holder === owner) return true;
  if (result && !result.modified) return false;
  throw new StoreRefused(key);
}

/** writeConfirmed for a claim that may simply fail (a lease, the budget's schedule): a refusal is "not now". */
export async function writeOwned(
  s: Store,
  key: string,
  metadata: Record<string, unknown>,
  condition: { onlyIfNew: true } | { onlyIfMatch: string },
): Promise<boolean> {
  return writeConfirmed(s, key, condition, { metadata }).catch((e: unknown) => {
    if (e instanceof StoreRefused) return false;
    throw e;
  });
}

// Counters of create-only slots: `<folder>/<0000…>`, at most `limit` of them. A request takes a slot by
// its own create-only write, so it decides after its own increment and never on a count read before
// someone else's: a hundred requests at the same instant take at most `limit` slots between them. Taking
// is split in two so that callers can put the reads of several counters, and then their writes, into
// one round of store requests each (in the cloud every round costs tens of milliseconds).

/** A counter: its folder, how many slots it holds, and folders whose slots count against it too (a previous period). */
export interface Counter {
  folder: string;
  limit: number;
  alsoCounting?: string[];
}

/** What a counter holds now: the slots that looked free, in random order (fewer collisions); none when full. */
export interface Survey {
  counter: Counter;
  free: string[];
}

const slotKey = (folder: string, i: number) => `${folder}/${String(i).padStart(4, '0')}`;

async function keysIn(s: Store, folder: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) keys.push(...page.blobs.map((b) => b.key));
  return keys;
}

/** Reads a counter (one listing per folder, at once). A store error here is a refusal too. */
export async function survey(s: Store, counter: Counter): Promise<Survey> {
  const folders = [counter.folder, ...(counter.alsoCounting ?? [])];
  const [taken, ...others] = await Promise.all(folders.map((f) => keysIn(s, f))).catch(() => {
    throw new StoreRefused(counter.folder);
  });
  // Slots the other folders used shrink this one: with one slot left, two takers race for the same key.
  const capacity = counter.limit - others.reduce((n, keys) => n + keys.length, 0);
  const held = new Set(taken);
  const free: string[] = [];
  for (let i = 0; i < capacity; i++) if (!held.has(slotKey(counter.folder, i))) free.push(slotKey(counter.folder, i));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return { counter, free };
}

/** An ETag no blob ever has: a conditional write on it fails (412) without writing. */
const NO_ETAG = '"never-a-blob"';

/**
 * Takes one of the slots a survey found free: its key, to give back with releaseSlot, or undefined when
 * the counter is full (others took them meanwhile). Throws StoreRefused when the store would not say.
 * The slot carries `owner` (random unless given), so a slot can later be told from one taken after it.
 * A full counter writes nothing; with `sameCostWhenFull` it still makes one conditional write that
 * cannot succeed, so that a full counter answers in the time a free one does (the status check: a
 * locked reference must not be told from another by its time).
 */
export async function takeSlot(
  s: Store,
  found: Survey,
  options: { sameCostWhenFull?: boolean; owner?: string } = {},
): Promise<string | undefined> {
  const owner = options.owner ?? randomUUID();
  for (const key of found.free) if (await writeConfirmed(s, key, { onlyIfNew: true }, { owner })) return key;
  if (!found.free.length && options.sameCostWhenFull) {
    const result = await s.set(slotKey(found.counter.folder, 0), '', { onlyIfMatch: NO_ETAG }).catch(() => undefined);
    if (result?.modified !== false) throw new StoreRefused(found.counter.folder);
  }
  return undefined;
}

/** Gives a slot back (the work it counted was not done after all). */
export async function releaseSlot(s: Store, key: string): Promise<void> {
  await s.delete(key);
}

/** A counter in its store, for callers that count in several stores at once (src/delivery/accept.ts). */
export interface StoredCounter {
  survey(): Promise<Survey>;
  take(found: Survey, owner?: string): Promise<string | undefined>;
  giveBack(slot: string): Promise<void>;
}

export const storedCounter = (s: () => Store, counter: Counter): StoredCounter => ({
  survey: () => survey(s(), counter),
  take: (found, owner) => takeSlot(s(), found, owner ? { owner } : {}),
  giveBack: (slot) => releaseSlot(s(), slot),
});

/** Frees every slot of a counter folder (staff clearing a lock). */
export async function clearSlots(s: Store, folder: string): Promise<number> {
  let n = 0;
  for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) {
    await Promise.all(page.blobs.map((b) => s.delete(b.key)));
    n += page.blobs.length;
  }
  return n;
}

/**
 * Time buckets for key folders: sortable, one a UTC hour, minute, day or month — and a day as Kota
 * Serang counts it (WIB), where a limit is a day's for the people it serves (the daily ceiling).
 */
export const bucket = {
  minute: (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, ''),
  hour: (ms: number) => new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, ''),
  day: (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, ''),
  dayInSerang: (ms: number) => todayInSerang(new Date(ms)).replace(/-/g, ''),
  month: (ms: number) => new Date(ms).toISOString().slice(0, 7).replace('-', ''),
};

/**
 * Deletes every key under `prefix/<bucket>/` for buckets older than `keepFrom` (compared as sortable
 * strings), whole folders at a time and in parallel, until done or `deadline`. Nothing per key is
 * capped: a folder is expired completely, so keys never outlive their stated retention because a
 * flood filled a folder. Returns how many keys it deleted and whether time ran out first.
 */
export async function expireBuckets(
  s: Store,
  prefix: string,
  keepFrom: string,
  deadline = Infinity,
): Promise<{ deleted: number; unfinished: boolean }> {
  let deleted = 0;
  const folders: string[] = [];
  for await (const page of s.list({ prefix: prefix ? `${prefix}/` : undefined, directories: true, paginate: true }))
    folders.push(...page.directories);
  for (const folder of folders.sort()) {
    const name = folder.slice(folder.lastIndexOf('/') + 1);
    if (name >= keepFrom) continue;
    for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) {
      if (Date.now() > deadline) return { deleted, unfinished: true };
      const keys = page.blobs.map((b) => b.key);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => s.delete(k)));
      deleted += keys.length;
    }
  }
  return { deleted, unfinished: false };
}
