// A memorable date (a birth date) asked as three short fields — day, month, year — as the GOV.UK
// pattern does: no scrolling back decades in a date picker, and the order does not follow the phone's
// locale. The parts arrive as <name>-day, <name>-month, <name>-year; a JSON client may send <name> as
// YYYY-MM-DD instead. Both become one ISO date, or say which way it is wrong.

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

export const partName = (name: string, part: DatePart) => `${name}-${part}`;

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The parts as typed (for showing them again), from the three fields or from an ISO value. */
export function dateParts(raw: Raw, name: string): Record<DatePart, string> {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(raw[name]));
  if (iso && DATE_PARTS.every((p) => !str(raw[partName(name, p)]))) return { day: iso[3]!, month: iso[2]!, year: iso[1]! };
  return { day: str(raw[partName(name, 'day')]), month: str(raw[partName(name, 'month')]), year: str(raw[partName(name, 'year')]) };
}

export type DateReading = { empty: true } | { empty: false; iso?: string };

/** The date as YYYY-MM-DD when the parts make a real date; `iso` undefined when they do not. */
export function readMemorableDate(raw: Raw, name: string): DateReading {
  const { day, month, year } = dateParts(raw, name);
  // A single value that is not YYYY-MM-DD (e.g. "14/03/1999" from a script) is a wrong date, not none.
  if (!day && !month && !year) return str(raw[name]) ? { empty: false } : { empty: true };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { empty: false };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return { empty: false, ...(date.toISOString().slice(0, 10) === iso ? { iso } : {}) };
}
