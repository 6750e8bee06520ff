import { store } from '../server/blobs';
import type { OutboxRecord } from './outbox-items';

// Where outbox records wait (store registration-outbox): order and due time are in the keys, so a
// delivery run lists keys (never bodies) and reads only its window, whatever waits behind it.
//   item/<ref>                       the record (outbox-items.ts)
//   due/<minute>/<second>/<created>_<ref>   waiting, in order of acceptance; a folder a second keeps
//                                    each listing small (the local Blobs server walks a folder entry by
//                                    entry; a backlog of 20,000 placed in a minute would otherwise be
//                                    listed whole for every window)
//   held/<notBefore>_<ref>           refused by Airtable for its content: waits out its own backoff
//   flag/<ref>                       an earlier record to flag "NIK ganda" in Airtable (flag-tasks.ts)

/** A waiting record as its key tells it, before its body is read. */
export interface QueueEntry {
  key: string;
  reference: string;
  /** ISO time: acceptance for due records, the end of the backoff for held ones. */
  at: string;
}

const outbox = () => store('outbox');

/** 20261129T061903123Z: sortable, and a valid key segment everywhere. */
const stamp = (iso: string) => iso.replace(/[-:.]/g, '');
const unstamp = (s: string) =>
  `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;

export const dueKey = (item: Pick<OutboxRecord, 'reference' | 'createdAt'>) => {
  const s = stamp(item.createdAt);
  return `due/${s.slice(0, 13)}/${s.slice(13, 15)}/${s}_${item.reference}`;
};
export const heldKey = (item: Pick<OutboxRecord, 'reference' | 'notBefore'>) => `held/${stamp(item.notBefore!)}_${item.reference}`;

/** A queue key read back as the entry it names. */
export function entryOf(key: string): QueueEntry {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const [at, reference] = name.split('_') as [string, string];
  return { key, reference, at: unstamp(at) };
}

/** Keys under a prefix, page by page as the store lists them. */
export async function keysUnder(
  prefix: string,
  options: { directories?: boolean } = {},
): Promise<{ keys: string[]; directories: string[] }> {
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
