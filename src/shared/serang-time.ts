// Kota Serang keeps Western Indonesia Time (WIB, UTC+7, no daylight saving). Every date the site decides
// (a vacancy's last day, a person's age) or prints is a date in this zone, named once here.
export const SERANG_TIME_ZONE = 'Asia/Jakarta';

// en-CA formats as YYYY-MM-DD, the ISO calendar date.
const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: SERANG_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Kota Serang, as YYYY-MM-DD. */
export function todayInSerang(now = new Date()): string {
  return isoDate.format(now);
}
