import { bucket, store as blobStore } from '../server/blobs';

// The codes of the selection invitation letters the owners' links have shown, so the verification
// page (src/status/letter-verify.ts) finds a letter from its code with one store read and never asks
// Airtable for a guess. An entry holds the reference and the invitation's fingerprint only (what the
// page shows comes from the status cache, which must still hold that same invitation). Keys:
//   code/<code>                      { reference, fingerprint, until }
//   ref/<reference>/<code>           marker: an erase finds the reference's codes
//   until/<day>/<reference>_<code>   marker: the daily run drops entries whose time has passed, whole days
// Written only when the owner's link renders a letter; removed when the invitation changes (status-cache.ts),
// on erasure and retention (erase.ts), and after `until` (30 days after the selection day).

export interface LetterEntry {
  reference: string;
  fingerprint: string;
  /** Epoch ms after which the code no longer verifies (and the entry is dropped). */
  until: number;
}

const store = () => blobStore('letters');
const codeKey = (code: string) => `code/${code}`;
const refKey = (reference: string, code: string) => `ref/${reference}/${code}`;
const untilKey = (e: LetterEntry, code: string) => `until/${bucket.day(e.until)}/${e.reference}_${code}`;

/**
 * Records a letter's code (once: a letter shown again reads one key and writes nothing). The markers go
 * first, so an entry never exists that an erase or the daily run could not find. True once the entry is
 * there (a write counts only with its ETag: the Blobs client reports other failures as written).
 */
export async function indexLetter(code: string, entry: LetterEntry): Promise<boolean> {
  const s = store();
  if (await s.getMetadata(codeKey(code))) return true;
  await Promise.all([s.set(refKey(entry.reference, code), ''), s.set(untilKey(entry, code), '')]);
  const written = await s.setJSON(codeKey(code), entry, { onlyIfNew: true });
  return written.modified ? !!written.etag : !!(await s.getMetadata(codeKey(code)));
}

export async function readLetter(code: string): Promise<LetterEntry | undefined> {
  return ((await store().get(codeKey(code), { type: 'json' })) as LetterEntry | null) ?? undefined;
}

/** Removes one code and its markers (an invitation changed or withdrawn). True when there was one. */
export async function forgetLetter(code: string): Promise<boolean> {
  const s = store();
  const entry = await readLetter(code);
  if (!entry) return false;
  await Promise.all([s.delete(refKey(entry.reference, code)), s.delete(untilKey(entry, code))]);
  await s.delete(codeKey(code));
  return true;
}

/** Removes every code of a reference (erasure, retention): how many there were. */
export async function forgetLetters(reference: string): Promise<number> {
  const codes: string[] = [];
  for await (const page of store().list({ prefix: `ref/${reference}/`, paginate: true }))
    codes.push(...page.blobs.map((b) => b.key.slice(b.key.lastIndexOf('/') + 1)));
  await Promise.all(codes.map(forgetLetter));
  // A marker left by an interrupted write without its entry goes too.
  await Promise.all(codes.map((code) => store().delete(refKey(reference, code))));
  return codes.length;
}

/** Drops entries whose `until` day has passed, whole days at a time, until done or `deadline`. */
export async function expireLetters(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  const s = store();
  const today = bucket.day(now);
  const days: string[] = [];
  for await (const page of s.list({ prefix: 'until/', directories: true, paginate: true })) days.push(...page.directories);
  let deleted = 0;
  for (const day of days.sort()) {
    if (day.slice(day.lastIndexOf('/') + 1) >= today) continue;
    for await (const page of s.list({ prefix: `${day}/`, paginate: true })) {
      if (Date.now() > deadline) return { deleted, unfinished: true };
      await Promise.all(
        page.blobs.map(async ({ key }) => {
          const [reference = '', code = ''] = key.slice(key.lastIndexOf('/') + 1).split('_');
          await Promise.all([s.delete(codeKey(code)), s.delete(refKey(reference, code))]);
          await s.delete(key);
        }),
      );
      deleted += page.blobs.length;
    }
  }
  return { deleted, unfinished: false };
}
