import { airtableTable, budgetedCall, readStatusRow, type AirtableSettings } from '../delivery/airtable';
import { sharedBudget, type Budget } from '../delivery/airtable-budget';
import { readItem } from '../delivery/queue';
import { referenceIssued } from '../delivery/references';
import { OutboxKeyError } from '../delivery/outbox-crypto';
import { birthHash, readCachedStatus, writeCachedStatus, type CachedStatus } from '../delivery/status-cache';
import { isStatus, type RegistrationStatus } from '../shared/registration-status';
import { countCheck, countFailure, LIMITS, referenceLocked, type Limited } from './limits';

// The status check: a reference and a birth date in, a stage (or one neutral "no match") out.
// At most one Airtable call a check, and only for a reference this site issued that is no longer in
// the outbox and not in the cache: a guessed reference costs none. The call takes a slot from the one
// Airtable budget without waiting long, so checks never push delivery into a 429; when no slot comes,
// the last answer read is served with its time ("as of"), or "busy" when there is none.

export type StatusAnswer =
  | { kind: 'stage'; status: RegistrationStatus; asOf: number; source: 'outbox' | 'cache' | 'airtable' | 'stale' }
  | { kind: 'nomatch' }
  | { kind: 'busy' }
  | { kind: 'limited'; scope: Limited };

export interface CheckOptions {
  /** Undefined when Airtable is not configured: answers come from the outbox and the cache only. */
  settings: AirtableSettings | undefined;
  ip: string;
  budget?: Budget;
  /** How long a read status is served without asking Airtable again. */
  cacheMs?: number;
  /** How long a check may wait for an Airtable slot. */
  maxWaitMs?: number;
  timeoutMs?: number;
  now?: number;
  /** Counts the Airtable calls (the bench). */
  onCall?: () => void;
  /** Other limits than LIMITS (the bench, which checks faster than any crowd). */
  limits?: Partial<typeof LIMITS>;
}

export const DEFAULT_CACHE_MS = 30 * 60_000;

/** The cache window from STATUS_CACHE_MINUTES (tests and `npm start` shorten it), else 30 minutes. */
export function cacheMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.STATUS_CACHE_MINUTES);
  return Number.isFinite(minutes) && minutes >= 0 && env.STATUS_CACHE_MINUTES !== '' && env.STATUS_CACHE_MINUTES !== undefined ? minutes * 60_000 : DEFAULT_CACHE_MS;
}

const reading = new Map<string, Promise<CachedStatus | undefined>>();

/** One Airtable read of a reference's status, through the budget; undefined when no slot came (NO_SLOT) or Airtable failed. */
async function readAirtable(reference: string, opts: CheckOptions & { settings: AirtableSettings }): Promise<CachedStatus | undefined> {
  const call = budgetedCall(opts.budget ?? sharedBudget(opts.settings.baseId, 'status'), { maxWaitMs: opts.maxWaitMs ?? 1500, before: opts.onCall });
  try {
    const row = await readStatusRow(airtableTable(opts.settings, opts.timeoutMs ?? 4000), reference, call);
    const fresh: CachedStatus = row ? { status: row.status, birth: birthHash(reference, row.birthDate), at: Date.now() } : { at: Date.now() };
    await writeCachedStatus(reference, fresh);
    return fresh;
  } catch {
    return undefined;
  }
}

const asStage = (status: string | undefined): RegistrationStatus => (isStatus(status) ? status : 'Baru');

export async function checkStatus(reference: string, birthDate: string, opts: CheckOptions): Promise<StatusAnswer> {
  const now = opts.now ?? Date.now();
  const cacheMs = opts.cacheMs ?? cacheMsFromEnv();
  const limited = await countCheck(opts.ip, now, opts.limits);
  if (limited) return { kind: 'limited', scope: limited };
  if (await referenceLocked(reference, now, opts.limits)) return { kind: 'limited', scope: 'reference' };

  const noMatch = async (): Promise<StatusAnswer> => {
    await countFailure(reference, now);
    return { kind: 'nomatch' };
  };
  const fromCache = (c: CachedStatus, source: 'cache' | 'stale'): Promise<StatusAnswer> | StatusAnswer =>
    c.status !== undefined && c.birth === birthHash(reference, birthDate) ? { kind: 'stage', status: asStage(c.status), asOf: c.at, source } : noMatch();

  if (!(await referenceIssued(reference))) return noMatch();

  // Still waiting to be delivered: "received", from the outbox, no Airtable call.
  try {
    const item = await readItem(reference);
    if (item) return item.submission.values.birthDate === birthDate ? { kind: 'stage', status: 'Baru', asOf: now, source: 'outbox' } : noMatch();
  } catch (e) {
    if (!(e instanceof OutboxKeyError)) throw e;
    return { kind: 'busy' };
  }

  const cached = await readCachedStatus(reference);
  if (cached && now - cached.at < cacheMs) return fromCache(cached, 'cache');
  const stale = () => (cached ? fromCache(cached, 'stale') : ({ kind: 'busy' } as const));
  if (!opts.settings) return stale();

  // Checks of one reference at the same moment share one Airtable read.
  let read = reading.get(reference);
  if (!read) {
    read = readAirtable(reference, opts as CheckOptions & { settings: AirtableSettings }).finally(() => reading.delete(reference));
    reading.set(reference, read);
  }
  const fresh = await read;
  if (!fresh) return stale();
  return fresh.status !== undefined && fresh.birth === birthHash(reference, birthDate)
    ? { kind: 'stage', status: asStage(fresh.status), asOf: fresh.at, source: 'airtable' }
    : noMatch();
}
