// Scheduled every hour: the public limits' counters whose time has passed are deleted, whole time
// buckets at a time — status checks per client (keyed hashes of addresses) and for everyone, birth-date
// tries per reference after two months, registrations per NIK after 60 days, daily places after a day,
// letter verifications per client and for everyone, and wrong codes per client after a day.
// Hourly, so even at the ceiling of the global limit (300 checks a minute) an hour's keys go within
// the next hour; what a run leaves (its 25 s spent) the next one continues. Counts are logged.
import type { Config, Context } from '@netlify/functions';

import { expireDailyPlaces } from '../../src/delivery/ceiling';
import { expireNikCounters } from '../../src/delivery/nik-index';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';
import { expireLetterLimits } from '../../src/status/letter-limits';
import { expireStatusLimits } from '../../src/status/limits';

export default async (_req?: Request, context?: Context): Promise<Response> => {
  if (!handlesRegistrations(context)) return new Response(null, { status: 204 });
  const deadline = Date.now() + 25_000;
  for (const [event, expire] of [
    ['limits.status_expired', () => expireStatusLimits(Date.now(), deadline)],
    ['limits.daily_places_expired', () => expireDailyPlaces(Date.now(), deadline)],
    ['limits.nik_counters_expired', () => expireNikCounters(Date.now(), deadline)],
    ['limits.letter_expired', () => expireLetterLimits(Date.now(), deadline)],
  ] as const) {
    const done = await expire().catch(() => undefined);
    logEvent(event, done ? { deleted: done.deleted, unfinished: String(done.unfinished) } : { failed: 'true' });
  }
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: '7 * * * *' };
