import type { AirtableClient, ClientOptions } from '../delivery/airtable';
import { withFingerprint } from '../delivery/invitation';
import { OutboxKeyError } from '../delivery/outbox-crypto';
import { type OutboxItem, readItem } from '../delivery/outbox-items';
import { referenceIssued } from '../delivery/references';
import { birthHash, type CachedStatus, readCachedStatus, recordRead } from '../delivery/status-cache';
import { MissingKeyError } from '../server/keys';
import { INITIAL_STATUS, isStatus, type RegistrationStatus } from '../shared/registration-status';
import { type InvitationView, invitationView } from './invitation';
import { CheckCount, type Limited, LIMITS } from './limits';

// The status check: a reference and a birth date in, a stage (or one neutral "no match") out — and
// the same stage for the owner's receipt link (ownerStatus), without a birth date.
// Guessing gets nothing: an unknown reference, a wrong birth date and a locked reference give the same
// answer after the same store requests in the same order, three rounds each sent at once —
//   1. the counters read (limits.ts) and the reference looked up (issued? its outbox record, its cached status)
//   2. the client's shares of the minute and one try on the reference taken (a try for any reference,
//      issued or not)
//   3. the client's hours and the global slot taken, beside one delete: the try given back when nothing
//      can be compared, else a key that holds nothing
// — and no such answer leaves before FLOOR_MS from the start. A birth date is compared only after the
// three rounds, so however many arrive at once, at most ten tries are compared; when the store does not
// confirm a count the check answers "busy" and compares nothing. A wrong date is known from the cache's
// keyed hash of the right one, which delivery leaves: only the owner's right date can lead to an
// Airtable call (one, through the shared budget, waiting ≤ 1.5 s).

export type StatusAnswer =
  | {
      kind: 'stage';
      status: RegistrationStatus;
      asOf: number;
      source: 'outbox' | 'cache' | 'airtable' | 'stale';
      /** The selection invitation staff set, as read with the status (invitation.ts). */
      invitation?: InvitationView;
    }
  | { kind: 'nomatch' }
  | { kind: 'busy' }
  | { kind: 'limited'; scope: Limited };

/**
 * How the status check calls Airtable (the client its functions make): in a line of its own, so a check
 * never waits behind a delivery run sharing its process; at most 1.5 s for a slot, 4 s for the answer.
 */
export const STATUS_CALLS = { queue: 'status', maxWaitMs: 1500, timeoutMs: 4000 } as const satisfies ClientOptions;

export interface CheckOptions {
  /** Undefined when Airtable is not configured: answers come from the outbox and the cache only. */
  airtable: AirtableClient | undefined;
  ip: string;
  /** How long a read status is served without asking Airtable again. */
  cacheMs?: number;
  now?: number;
  /** Other limits than LIMITS (the bench, which checks faster than any crowd). */
  limits?: Partial<typeof LIMITS>;
  /** No answer before this many ms from the start (timing tells no path from another). */
  floorMs?: number;
}

const DEFAULT_CACHE_MS = 30 * 60_000;
/**
 * Above the three rounds' time at 40 ms a store request (about 150 ms, see bench:abuse), so under the
 * cloud's latency too every "no match" answers at the floor; above it the rounds are still the same.
 */
const FLOOR_MS = 250;

/** The cache window from STATUS_CACHE_MINUTES (tests and `npm start` shorten it), else 30 minutes. */
function cacheMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.STATUS_CACHE_MINUTES);
  return Number.isFinite(minutes) && minutes >= 0 && env.STATUS_CACHE_MINUTES !== '' && env.STATUS_CACHE_MINUTES !== undefined
    ? minutes * 60_000
    : DEFAULT_CACHE_MS;
}

const reading = new Map<string, Promise<CachedStatus | undefined>>();

/** One Airtable read of a reference's status (simultaneous checks share it); undefined without a slot or on failure. */
function readAirtable(reference: string, airtable: AirtableClient): Promise<CachedStatus | undefined> {
  let read = reading.get(reference);
  if (read) return read;
  read = (async () => {
    try {
      const row = await airtable.statusRow(reference);
      const read: CachedStatus = row
        ? {
            status: row.status,
            birth: birthHash(reference, row.birthDate),
            ...(row.initials ? { initials: row.initials } : {}),
            ...(row.invitation ? { invitation: withFingerprint(row.invitation) } : {}),
            at: Date.now(),
          }
        : { at: Date.now() };
      // With the invitation's history (a change is told, an old letter's code dropped).
      return await recordRead(reference, read);
    } catch {
      return undefined;
    }
  })().finally(() => reading.delete(reference));
  reading.set(reference, read);
  return read;
}

const asStage = (status: string | undefined): RegistrationStatus => (isStatus(status) ? status : INITIAL_STATUS);

/** The same three reads for every reference, so no path is shorter than another. */
interface Found {
  issued: boolean;
  item: OutboxItem | undefined | 'unreadable';
  cached: CachedStatus | undefined;
  /** The cached status was just read from Airtable (to compare the birth date). */
  fromAirtable?: boolean;
}

async function lookUp(reference: string): Promise<Found> {
  const [issued, item, cached] = await Promise.all([
    referenceIssued(reference),
    readItem(reference).catch((e: unknown) => {
      if (e instanceof OutboxKeyError) return 'unreadable' as const;
      throw e;
    }),
    readCachedStatus(reference),
  ]);
  return { issued, item, cached };
}

/** The stage as it stands, from the outbox, the cache or one Airtable read (the owner's view: no birth date). */
async function currentStage(reference: string, found: Found, opts: CheckOptions, now: number): Promise<StatusAnswer> {
  if (found.item === 'unreadable') return { kind: 'busy' };
  if (found.item) return { kind: 'stage', status: INITIAL_STATUS, asOf: now, source: 'outbox' };
  const cached = found.cached;
  if (cached?.status !== undefined && (found.fromAirtable || now - cached.at < (opts.cacheMs ?? cacheMsFromEnv()))) {
    return {
      kind: 'stage',
      status: asStage(cached.status),
      asOf: cached.at,
      source: found.fromAirtable ? 'airtable' : 'cache',
      ...invitationView(cached, now),
    };
  }
  const stale = (): StatusAnswer =>
    cached?.status !== undefined
      ? { kind: 'stage', status: asStage(cached.status), asOf: cached.at, source: 'stale', ...invitationView(cached, now) }
      : { kind: 'busy' };
  if (!opts.airtable) return stale();
  const fresh = await readAirtable(reference, opts.airtable);
  if (!fresh) return stale();
  return fresh.status !== undefined
    ? { kind: 'stage', status: asStage(fresh.status), asOf: fresh.at, source: 'airtable', ...invitationView(fresh, now) }
    : { kind: 'nomatch' };
}

/** Whether the birth date is the registration's: from the outbox, the cache's hash, or (only if neither knows) Airtable. */
async function birthMatches(reference: string, birthDate: string, found: Found, opts: CheckOptions): Promise<boolean | 'unknown'> {
  if (found.item === 'unreadable') return 'unknown';
  if (found.item) return found.item.submission.values.birthDate === birthDate;
  if (found.cached?.birth) return found.cached.birth === birthHash(reference, birthDate);
  if (!opts.airtable) return 'unknown';
  const fresh = await readAirtable(reference, opts.airtable);
  if (!fresh) return 'unknown';
  found.cached = fresh;
  found.fromAirtable = true;
  return fresh.birth !== undefined && fresh.birth === birthHash(reference, birthDate);
}

const waitUntil = async (t: number) => {
  const ms = t - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
};

export async function checkStatus(reference: string, birthDate: string, opts: CheckOptions): Promise<StatusAnswer> {
  const started = Date.now();
  const now = opts.now ?? started;
  const count = new CheckCount(opts.ip, reference, now, opts.limits);
  const answer = await (async (): Promise<StatusAnswer> => {
    // Rounds 1–3 (above): nothing is compared before every count is confirmed.
    const [found] = await Promise.all([lookUp(reference), count.survey()]);
    const clientLimited = await count.takeOwn();
    const laterLimited = await count.takeEveryone(!found.issued, !!clientLimited);
    if (clientLimited) return { kind: 'limited', scope: clientLimited };
    if (laterLimited) {
      await count.giveBackTry();
      return { kind: 'limited', scope: laterLimited };
    }
    if (!found.issued) return { kind: 'nomatch' };
    if (!count.tryHeld) return { kind: 'limited', scope: 'reference' };
    const match = await birthMatches(reference, birthDate, found, opts);
    // Not compared (no source could tell), or the right date: either way not a failed try.
    if (match === 'unknown' || match) await count.giveBackTry();
    if (match === 'unknown') return { kind: 'busy' };
    return match ? currentStage(reference, found, opts, now) : { kind: 'nomatch' };
  })().catch(async (e: unknown): Promise<StatusAnswer> => {
    if (e instanceof MissingKeyError) throw e;
    // The store refused a count or a read: nothing was compared, and what the check took goes back.
    await count.giveBackAll();
    return { kind: 'busy' };
  });
  // Answers that reveal nothing wait to the same floor; a stage (the right date) needs no disguise.
  if (answer.kind !== 'stage') await waitUntil(started + (opts.floorMs ?? FLOOR_MS));
  return answer;
}

/** The owner's view through the receipt link's token: the stage without a birth date, and no lock. */
export async function ownerStatus(reference: string, opts: Omit<CheckOptions, 'ip' | 'limits'>): Promise<StatusAnswer> {
  const now = opts.now ?? Date.now();
  const found = await lookUp(reference);
  if (!found.issued) return { kind: 'nomatch' };
  return currentStage(reference, found, { ...opts, ip: '' }, now);
}
