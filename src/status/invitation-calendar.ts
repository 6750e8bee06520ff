import type { FingerprintedInvitation } from '../delivery/invitation';
import { type Locale, t } from '../i18n';
import { SERANG_TIME_ZONE } from '../shared/serang-time';

// The invitation as a calendar file (RFC 5545, text/calendar) a phone adds to its calendar: the time in
// Asia/Jakarta with its VTIMEZONE (WIB has had no daylight saving since 1964: one STANDARD rule), so the
// event shows at 09.00 in Serang whatever zone the phone is set to. One event per registration (its UID),
// so a changed invitation imported again replaces the old one (a higher SEQUENCE). No end time: the
// program has not published how long selection takes, and RFC 5545 reads a start alone as a moment.
// A reminder the day before.

/** RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped. */
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 20260112T090000 in Serang's time, from an instant. */
function localStamp(at: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: SERANG_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(Date.parse(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}T${get('hour')}${get('minute')}${get('second')}`;
}

const utcStamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface CalendarFacts {
  reference: string;
  invitation: FingerprintedInvitation;
  /** When the invitation last changed (epoch ms), when it did: the event's revision. */
  changedAt?: number;
  /** The site's host, for the event's UID. */
  host: string;
  /** The verification page's address, named in the description. */
  verifyUrl: string;
  now?: number;
}

export function invitationCalendar(lang: Locale, f: CalendarFacts): string {
  const inv = f.invitation;
  const description = [
    inv.bring && `${t(lang, 'invite.bring')}: ${inv.bring}`,
    inv.contact && `${t(lang, 'invite.contact')}: ${inv.contact}`,
    inv.note && `${t(lang, 'invite.note')}: ${inv.note}`,
    `${f.reference}. ${t(lang, 'letter.free')}`,
    `${t(lang, 'verify.title')}: ${f.verifyUrl}`,
  ]
    .filter(Boolean)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pemerintah Kota Serang//Kerja Luar Negeri//ID',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    `TZID:${SERANG_TIME_ZONE}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:WIB',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:seleksi-${f.reference}@${f.host}`,
    // Minutes since 2025 of the last change: grows with every change, 0 for a first invitation.
    `SEQUENCE:${f.changedAt ? Math.max(0, Math.floor((f.changedAt - Date.UTC(2025, 0, 1)) / 60_000)) : 0}`,
    `DTSTAMP:${utcStamp(f.now ?? Date.now())}`,
    `DTSTART;TZID=${SERANG_TIME_ZONE}:${localStamp(inv.at)}`,
    `SUMMARY:${text(t(lang, 'letter.calendarTitle'))}`,
    `LOCATION:${text(inv.place)}`,
    `DESCRIPTION:${text(description)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P1D',
    `DESCRIPTION:${text(t(lang, 'letter.calendarReminder'))}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
