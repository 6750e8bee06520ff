import { bucket, expireBuckets, releaseSlot, store, takeSlot } from '../server/blobs';

// The daily ceiling (settings → registration.dailyLimit): at most that many registrations are accepted
// in one day (WIB), so a flood cannot fill the Airtable base (Team: 50,000 records) or the staff's day.
// Slots in the limits store (src/server/blobs.ts), one folder a day:
//   day/<YYYYMMDD>/<slot>      an accepted registration of that day
//   day-alert/<YYYYMMDD>/sent  written once, by the first request over the ceiling (one alert line a day)

const limits = () => store('limits');

/** A place in today's registrations: its slot (to give back if not stored), or undefined when today is full. */
export function takeDailyPlace(limit: number, now = Date.now()): Promise<string | undefined> {
  return takeSlot(limits(), `day/${bucket.dayInSerang(now)}`, limit);
}

export const giveBackDailyPlace = (slot: string) => releaseSlot(limits(), slot);

/** True for the first caller of the day only: the one that logs the alert. */
export async function firstOverCeiling(now = Date.now()): Promise<boolean> {
  return (await limits().set(`day-alert/${bucket.dayInSerang(now)}/sent`, '', { onlyIfNew: true })).modified;
}

/** Drops the places of days before yesterday (WIB), whole days. */
export async function expireDailyPlaces(now = Date.now(), deadline = Infinity) {
  const yesterday = bucket.dayInSerang(now - 86_400_000);
  const places = await expireBuckets(limits(), 'day', yesterday, deadline);
  const alerts = await expireBuckets(limits(), 'day-alert', yesterday, deadline);
  return { deleted: places.deleted + alerts.deleted, unfinished: places.unfinished || alerts.unfinished };
}
