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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A conditional write and a read-back of the owner it wrote: Netlify's conditional writes are atomic,
 * but where a store checks then writes (the local Blobs server under `npm start`) two writers can both
 * "succeed"; only the one whose owner id stayed has won.
 */
export async function writeOwned(
  s: Store,
  key: string,
  metadata: Record<string, unknown>,
  condition: { onlyIfNew: true } | { onlyIfMatch: string },
): Promise<boolean> {
  const owner = randomUUID();
  if (!(await s.set(key, '', { metadata: { ...metadata, owner }, ...condition })).modified) return false;
  await sleep(25);
  return (await s.getMetadata(key))?.metadata.owner === owner;
}

/**
 * Takes one of `limit` slots in a counter folder; the slot's key when this caller got one (to give it
 * back with releaseSlot), undefined when all are taken. A slot is a create-only key, so the decision follows this caller's own increment and never a
 * read of someone else's: a hundred callers at the same instant take at most `limit` slots between
 * them. Free slots are tried in random order (fewer collisions); a full counter writes nothing, so a
 * flood adds no keys.
 */
export async function takeSlot(s: Store, folder: string, limit: number): Promise<string | undefined> {
  if (limit <= 0) return undefined;
  // Few slots: create-only writes straight away, no listing (a store's list may cost more than a few writes).
  const taken = new Set<string>();
  if (limit > FEW) for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) for (const b of page.blobs) taken.add(b.key);
  const free: string[] = [];
  for (let i = 0; i < limit; i++) if (!taken.has(slotKey(folder, i))) free.push(slotKey(folder, i));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  for (const key of free) if ((await s.set(key, '', { onlyIfNew: true })).modified) return key;
  return undefined;
}

/** Up to this many slots, a counter is read and taken key by key instead of listed. */
const FEW = 12;

/** Gives a slot back (the work it counted was not done after all). */
export async function releaseSlot(s: Store, key: string): Promise<void> {
  await s.delete(key);
}

const slotKey = (folder: string, i: number) => `${folder}/${String(i).padStart(4, '0')}`;

/** How many of a counter folder's first `limit` slots are taken (read key by key when few, else listed). */
export async function slotsTaken(s: Store, folder: string, limit: number): Promise<number> {
  if (limit <= FEW) {
    const found = await Promise.all(Array.from({ length: limit }, (_, i) => s.getMetadata(slotKey(folder, i))));
    return found.filter(Boolean).length;
  }
  let n = 0;
  for await (const page of s.list({ prefix: `${folder}/`, paginate: true })) n += page.blobs.length;
  return n;
}

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
