import { bucket, type Counter, expireBuckets, releaseSlot, store, StoreRefused, type Survey, survey, takeSlot } from '../server/blobs';
import { clientKeys } from '../server/client';

// Limits on the letter verification page, on the status check's primitives (src/server/blobs.ts): the
// client and its /48 as keyed hashes (src/server/client.ts), create-only slots that count only when the
// store confirms them, counters read in one round and taken in the next. In the status check's store:
//   letter-client/<hour>/<client or /48>/<slot>   verifications from one client in an hour (20), a /48 (40)
//   letter-wrong/<day>/<client or /48>/<slot>     codes that matched no letter, this UTC day (10, a /48 20):
//                                                 reserved before the code is looked up, given back when
//                                                 it matched
//   letter-all/<minute>/<slot>                    verifications from everyone in a minute (120), counting
//                                                 only those within their client's counters
// A refused count (the store did not confirm) is a refusal: the page answers "busy" and looks nothing up.
// README "Selection invitations" gives the arithmetic.

export const LETTER_LIMITS: {
  perClientPerHour: number;
  perNetworkPerHour: number;
  perMinute: number;
  wrongPerClientPerDay: number;
  wrongPerNetworkPerDay: number;
} = {
  perClientPerHour: 20,
  perNetworkPerHour: 40,
  perMinute: 120,
  wrongPerClientPerDay: 10,
  wrongPerNetworkPerDay: 20,
};

export type LetterLimited = 'client' | 'global' | 'wrong';

const limits = () => store('limits');
const present = (slots: (string | undefined)[]) => slots.filter((k): k is string => !!k);
const giveBack = (keys: (string | undefined)[]) => Promise.all(present(keys).map((k) => releaseSlot(limits(), k).catch(() => undefined)));

/** One round of takes, sent at once: each counter's slot (undefined when full), and whether the store refused any. */
async function takeRound(surveys: Survey[]): Promise<{ slots: (string | undefined)[]; refused: boolean }> {
  const taken = await Promise.allSettled(surveys.map((sv) => takeSlot(limits(), sv)));
  return { slots: taken.map((r) => (r.status === 'fulfilled' ? r.value : undefined)), refused: taken.some((r) => r.status === 'rejected') };
}

/** The counting of one verification; every step throws StoreRefused when the store does not confirm. */
export class VerificationCount {
  private readonly hourly: Counter[];
  private readonly wrong: Counter[];
  private readonly everyone: Counter;
  private slots: string[] = [];
  private wrongSlots: string[] = [];

  /** Throws MissingKeyError (src/server/keys.ts) when the client's key is missing. */
  constructor(ip: string, now = Date.now(), override: Partial<typeof LETTER_LIMITS> = {}) {
    const l = { ...LETTER_LIMITS, ...override };
    const { client, network } = clientKeys(ip);
    const hour = bucket.hour(now);
    const day = bucket.day(now);
    this.hourly = [
      { folder: `letter-client/${hour}/${client}`, limit: l.perClientPerHour },
      ...(network ? [{ folder: `letter-client/${hour}/${network}`, limit: l.perNetworkPerHour }] : []),
    ];
    this.wrong = [
      { folder: `letter-wrong/${day}/${client}`, limit: l.wrongPerClientPerDay },
      ...(network ? [{ folder: `letter-wrong/${day}/${network}`, limit: l.wrongPerNetworkPerDay }] : []),
    ];
    this.everyone = { folder: `letter-all/${bucket.minute(now)}`, limit: l.perMinute };
  }

  /**
   * Three rounds: every counter read; the client's wrong-code tries taken (its scarcest counters); then,
   * for a verification within them, its hours and everyone's minute. Taking all at once, a crowd's
   * winners of one counter could lose another and give both back, leaving a limit under-used. Returns
   * which limit was hit, or undefined when this verification may look its code up (holding a wrong-code
   * try to give back if the code matches).
   */
  async take(): Promise<LetterLimited | undefined> {
    const s = limits();
    const [everyone, ...surveys] = await Promise.all([this.everyone, ...this.wrong, ...this.hourly].map((c) => survey(s, c)));
    const wrong = await takeRound(surveys.slice(0, this.wrong.length));
    this.wrongSlots = present(wrong.slots);
    if (wrong.refused) throw new StoreRefused('letter-limits');
    if (this.wrongSlots.length < wrong.slots.length) {
      await this.giveBackAll();
      return 'wrong';
    }
    const rest = await takeRound([everyone!, ...surveys.slice(this.wrong.length)]);
    this.slots = present(rest.slots);
    if (rest.refused) throw new StoreRefused('letter-limits');
    const [all, ...hours] = rest.slots;
    const limited = present(hours).length < hours.length ? 'client' : !all ? 'global' : undefined;
    if (limited) await this.giveBackAll();
    return limited;
  }

  /** A code that matched a letter is not a wrong try: its slots go back. */
  async giveBackWrong(): Promise<void> {
    const slots = this.wrongSlots;
    this.wrongSlots = [];
    await giveBack(slots);
  }

  /** A refusal: everything this verification took goes back. */
  async giveBackAll(): Promise<void> {
    const slots = [...this.slots, ...this.wrongSlots];
    this.slots = [];
    this.wrongSlots = [];
    await giveBack(slots);
  }
}

/** Drops the verification counters whose hour, minute or day has passed, whole folders, until done or `deadline`. */
export async function expireLetterLimits(now = Date.now(), deadline = Infinity): Promise<{ deleted: number; unfinished: boolean }> {
  let deleted = 0;
  for (const [prefix, keepFrom] of [
    ['letter-client', bucket.hour(now)],
    ['letter-all', bucket.minute(now)],
    ['letter-wrong', bucket.day(now)],
  ] as const) {
    const r = await expireBuckets(limits(), prefix, keepFrom, deadline);
    deleted += r.deleted;
    if (r.unfinished) return { deleted, unfinished: true };
  }
  return { deleted, unfinished: false };
}
