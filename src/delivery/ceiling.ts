import { bucket, expireBuckets, store, type StoredCounter, storedCounter, StoreRefused, writeConfirmed } from '../server/blobs';
import { clientKeys } from '../server/client';

// The daily ceiling (settings → registration.dailyLimit): at most that many registrations are accepted
// in one day (WIB), so a flood cannot fill the Airtable base (Team: 50,000 records) or the staff's day;
// and each client's share of a day, taken before a place under the ceiling, so one client cannot fill
// it for everyone. Slots in the limits store (src/server/blobs.ts), one folder a day:
//   day/<YYYYMMDD>/<slot>                        an accepted registration of that day
//   day-client/<YYYYMMDD>/<client or /48>/<slot> one client's registrations that day (20), one /48's (60)
//   day-alert/<YYYYMMDD>/sent                    written once, by the first request over the ceiling
// README "Limits of the public functions" says why these numbers.

export const PER_CLIENT_PER_DAY = {
  /** An IPv4 address (behind a carrier's NAT, many phones share one) or an IPv6 /64. */
  client: 20,
  /** An IPv6 /48: a tunnel or an office holds 65,536 /64s. */
  network: 60,
};

const limits = () => store('limits');

/** Today's places under the ceiling. */
export const dailyPlaces = (limit: number, now = Date.now()): StoredCounter =>
  storedCounter(limits, { folder: `day/${bucket.dayInSerang(now)}`, limit });

/** The shares of the client `ip` today: its address or /64, and its /48. */
export function clientShares(ip: string, now = Date.now()): StoredCounter[] {
  const { client, network } = clientKeys(ip);
  const day = `day-client/${bucket.dayInSerang(now)}`;
  return [
    storedCounter(limits, { folder: `${day}/${client}`, limit: PER_CLIENT_PER_DAY.client }),
    ...(network ? [storedCounter(limits, { folder: `${day}/${network}`, limit: PER_CLIENT_PER_DAY.network })] : []),
  ];
}

/** True for the first caller of the day only (confirmed by the store): the one that logs the alert. */
export async function firstOverCeiling(now = Date.now()): Promise<boolean> {
  return writeConfirmed(limits(), `day-alert/${bucket.dayInSerang(now)}/sent`, { onlyIfNew: true }).catch((e: unknown) => {
    if (e instanceof StoreRefused) return false;
    throw e;
  });
}

/** Drops the places and shares of days before yesterday (WIB), whole days. */
export async function expireDailyPlaces(now = Date.now(), deadline = Infinity) {
  const yesterday = bucket.dayInSerang(now - 86_400_000);
  let deleted = 0;
  for (const prefix of ['day', 'day-client', 'day-alert']) {
    const r = await expireBuckets(limits(), prefix, yesterday, deadline);
    deleted += r.deleted;
    if (r.unfinished) return { deleted, unfinished: true };
  }
  return { deleted, unfinished: false };
}
