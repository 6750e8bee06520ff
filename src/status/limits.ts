import {
  bucket,
  clearSlots,
  type Counter,
  expireBuckets,
  releaseSlot,
  store,
  StoreRefused,
  type Survey,
  survey,
  takeSlot,
} from '../server/blobs';
import { clientKeys } from '../server/client';

// Limits on the status check, so pairs of (reference, birth date) cannot be guessed at scale and no
// client can close the check for others. Every limit is a counter of create-only slots
// (src/server/blobs.ts): a check decides after its own slot, never on a count read before someone
// else's, so requests arriving at the same instant cannot pass a limit together. A full counter writes
// nothing. Folders by time bucket, so expiry drops them whole:
//   client/<hour>/<client or /48>/<slot>     checks from one client in an hour (30), from one /48 (60)
//   share/<minute>/<client or /48>/<slot>    one client's share of the minute's checks (5), a /48's (10)
//   all/<minute>/<slot>                      checks from everyone in a minute (300)
//   ref/<month>/<reference>/<slot>           birth dates tried on one reference in this calendar month
//                                            and the last, together (10)
// A client is an IPv4 address or an IPv6 /64 (src/server/client.ts), kept as a keyed hash. A check
// counts against everyone only once its client's own counters took it, so one client — or one /48 of
// 65,536 /64s — takes at most its share of the minute and never closes the check for the rest.
// README "Status check" gives the arithmetic and the reasons for the numbers.
//
// A check is counted in three rounds of store requests, each sent at once (in the cloud each round
// costs tens of milliseconds): the counters read; the client's shares of the minute and the reference's
// try taken; the client's hours and the global slot taken, and the try given back when there is nothing
// to compare. The rounds are the same
// for a never-issued reference, a wrong birth date and a locked reference (src/status/check.ts).

export const LIMITS: {
  perClientPerHour: number;
  perNetworkPerHour: number;
  perClientPerMinute: number;
  perNetworkPerMinute: number;
  perMinute: number;
  failuresPerReference: number;
} = {
  perClientPerHour: 30,
  perNetworkPerHour: 60,
  perClientPerMinute: 5,
  perNetworkPerMinute: 10,
  perMinute: 300,
  /** In this calendar month and the previous one together: at most about 120 a year. */
  failuresPerReference: 10,
};

export type Limited = 'ip' | 'global' | 'reference';

const limits = () => store('limits');
const previousMonth = (ms: number) => {
  const d = new Date(ms);
  return bucket.month(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
};
const triesCounter = (reference: string, now: number, limit: number): Counter => ({
  folder: `ref/${bucket.month(now)}/${reference}`,
  limit,
  alsoCounting: [`ref/${previousMonth(now)}/${reference}`],
});

/** Gives back every slot it is handed; a slot that cannot be given back stays until its folder expires. */
const giveBack = (keys: (string | undefined)[]) =>
  Promise.all(keys.filter((k): k is string => !!k).map((k) => releaseSlot(limits(), k).catch(() => undefined)));

/** Settles a round's takes: their slots, or, when any was refused, everything given back and StoreRefused. */
async function settle(takes: Promise<string | undefined>[]): Promise<(string | undefined)[]> {
  const results = await Promise.allSettled(takes);
  const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const slots = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
  if (!refused) return slots;
  await giveBack(slots);
  throw refused.reason instanceof StoreRefused ? refused.reason : new StoreRefused('limits');
}

/**
 * The counting of one check. Throws StoreRefused (the check answers "busy") when the store does not
 * confirm a count; whatever the check had taken is then given back.
 */
export class CheckCount {
  private readonly shares: Counter[];
  private readonly hourly: Counter[];
  private readonly everyone: Counter;
  private readonly tries: Counter;
  private surveys: { shares: Survey[]; hourly: Survey[]; everyone: Survey; tries: Survey } | undefined;
  private ownSlots: string[] = [];
  private trySlot: string | undefined;

  /** Throws MissingKeyError (src/server/keys.ts) at once when the client's key is missing. */
  constructor(ip: string, reference: string, now = Date.now(), override: Partial<typeof LIMITS> = {}) {
    const l = { ...LIMITS, ...override };
    const { client, network } = clientKeys(ip);
    const hour = bucket.hour(now);
    const minute = bucket.minute(now);
    this.shares = [
      { folder: `share/${minute}/${client}`, limit: l.perClientPerMinute },
      ...(network ? [{ folder: `share/${minute}/${network}`, limit: l.perNetworkPerMinute }] : []),
    ];
    this.hourly = [
      { folder: `client/${hour}/${client}`, limit: l.perClientPerHour },
      ...(network ? [{ folder: `client/${hour}/${network}`, limit: l.perNetworkPerHour }] : []),
    ];
    this.everyone = { folder: `all/${minute}`, limit: l.perMinute };
    this.tries = triesCounter(reference, now, l.failuresPerReference);
  }

  /** Round 1: every counter read, at once. */
  async survey(): Promise<void> {
    const s = limits();
    const [everyone, tries, ...own] = await Promise.all(
      [this.everyone, this.tries, ...this.shares, ...this.hourly].map((c) => survey(s, c)),
    );
    this.surveys = { shares: own.slice(0, this.shares.length), hourly: own.slice(this.shares.length), everyone: everyone!, tries: tries! };
  }

  /**
   * Round 2: the client's shares of the minute (its scarcest counters) and one try on the reference, at
   * once — a try for every well-formed reference, issued or not, so that no reference is told from
   * another by what the check does. Returns 'ip' when the client had its share (its slots go back in
   * round 3), else undefined. The hours are taken only by checks within their share (round 3): taken
   * at once with the shares, a crowd's winners of one counter could lose the other and give both back,
   * leaving a limit under-used (never over).
   */
  async takeOwn(): Promise<'ip' | undefined> {
    const s = limits();
    const { shares, tries } = this.surveys!;
    const [trySlot, ...shareSlots] = await settle([tries, ...shares].map((sv, i) => takeSlot(s, sv, { sameCostWhenFull: i === 0 })));
    this.trySlot = trySlot;
    this.ownSlots = shareSlots.filter((k): k is string => !!k);
    return shareSlots.every(Boolean) ? undefined : 'ip';
  }

  /**
   * Round 3: for a check within its shares, the client's hours and the global slot, beside one delete —
   * the try given back when the reference has nothing to compare (never issued, or the client was
   * refused), else a key that holds nothing, so this round is the same whatever the reference is.
   * Returns 'ip' when the client had its checks of the hour (what this check took goes back), 'global'
   * when everyone's checks of this minute are taken (the client's slots stay taken).
   */
  async takeEveryone(nothingToCompare: boolean, clientLimited: boolean): Promise<Limited | undefined> {
    const s = limits();
    const back = nothingToCompare || clientLimited ? this.trySlot : undefined;
    if (back) this.trySlot = undefined;
    const tryBack = releaseSlot(s, back ?? `${this.tries.folder}/none`).catch(() => undefined);
    if (clientLimited) {
      const own = this.ownSlots;
      this.ownSlots = [];
      await Promise.all([tryBack, giveBack(own)]);
      return undefined;
    }
    const { hourly, everyone } = this.surveys!;
    const [, [slot, ...hourSlots]] = await Promise.all([tryBack, settle([everyone, ...hourly].map((sv) => takeSlot(s, sv)))]);
    this.ownSlots.push(...hourSlots.filter((k): k is string => !!k));
    if (!hourSlots.every(Boolean)) {
      const taken = [slot, ...this.ownSlots];
      this.ownSlots = [];
      await giveBack(taken);
      return 'ip';
    }
    return slot ? undefined : 'global';
  }

  /** Whether this check holds a try on the reference (else the reference had its tries: locked). */
  get tryHeld(): boolean {
    return !!this.trySlot;
  }

  /** The try goes back: the date was right, or could not be compared. */
  async giveBackTry(): Promise<void> {
    const slot = this.trySlot;
    this.trySlot = undefined;
    if (slot) await giveBack([slot]);
  }

  /** A refusal: every slot this check took goes back. */
  async giveBackAll(): Promise<void> {
    const slots = [...this.ownSlots, this.trySlot];
    this.ownSlots = [];
    this.trySlot = undefined;
    await giveBack(slots);
  }
}

/** Staff clear a reference's lock (the owner asked, in person): its tries of this month and the last. */
export async function clearReferenceLock(reference: string, now = Date.now()): Promise<number> {
  const cleared = await Promise.all([bucket.month(now), previousMonth(now)].map((m) => clearSlots(limits(), `ref/${m}/${reference}`)));
  return cleared[0]! + cleared[1]!;
}

/**
 * Drops counters whose time has passed — hours, minutes, and months before the previous one — whole
 * folders, however full (src/server/blobs.ts), until done or `deadline`.
 */
export async function expireStatusLimits(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  const runs = [
    ['client', bucket.hour(now)],
    ['share', bucket.minute(now)],
    ['all', bucket.minute(now)],
    ['ref', previousMonth(now)],
  ] as const;
  let deleted = 0;
  for (const [prefix, keepFrom] of runs) {
    const r = await expireBuckets(limits(), prefix, keepFrom, deadline);
    deleted += r.deleted;
    if (r.unfinished) return { deleted, unfinished: true };
  }
  return { deleted, unfinished: false };
}
