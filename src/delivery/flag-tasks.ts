import { store } from '../server/blobs';
import { keysUnder } from './queue-keys';

// Earlier records to flag "NIK ganda" in Airtable (store registration-outbox, flag/<ref>): left by
// acceptance when a second record shares a NIK with one already delivered, done by the drain.

const outbox = () => store('outbox');
const flagKey = (reference: string) => `flag/${reference}`;

/** Earlier records to flag, at most `limit`. */
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
