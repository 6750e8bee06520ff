import { flagTaskDone } from './flag-tasks';
import { forgetLetters } from './letter-index';
import { forgetNikRecord } from './nik-index';
import { readRecord } from './outbox-items';
import { removeByReference, WAIT_STATE_WORDS } from './queue';
import { forgetCachedStatus } from './status-cache';
import { forgetSubmission } from './submissions';

/**
 * Removes everything the site's stores hold about one reference — the record and its queue keys, a
 * flag task, its NIK index entries (the NIK's markers with its last record), its idempotency entries,
 * the status cache, the invitation letters' codes — but not the reference's own mark: the caller marks it erased
 * (references.ts) once Airtable's copy is gone too. The caller holds the reference's lease, so no deliverer is sending it meanwhile. `nikHash`
 * is the record's, when the outbox no longer has it. Returns what was removed, by name, never content.
 */
export async function eraseEverywhere(reference: string, nikHash?: string): Promise<string[]> {
  const removed: string[] = [];
  const hash = (await readRecord(reference))?.nikHash ?? nikHash;
  const waited = await removeByReference(reference);
  if (waited) removed.push(`outbox: ${WAIT_STATE_WORDS[waited]} (${waited})`);
  if (await flagTaskDone(reference)) removed.push('outbox: tugas tanda NIK ganda');
  if (hash) removed.push(...(await forgetNikRecord(hash, reference)));
  if (await forgetSubmission(reference)) removed.push('catatan kiriman ganda (idempotensi)');
  if (await forgetCachedStatus(reference)) removed.push('simpanan cek status');
  if (await forgetLetters(reference)) removed.push('kode surat undangan');
  return removed;
}
