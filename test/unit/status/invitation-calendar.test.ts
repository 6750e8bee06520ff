import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import type { FingerprintedInvitation } from '../../../src/delivery/invitation';
import { invitationCalendar } from '../../../src/status/invitation-calendar';
import { invitationTime } from '../../../src/status/invitation-html';

// The calendar file a phone imports, read back by an independent RFC 5545 parser (ical.js).

const invitation: FingerprintedInvitation = {
  at: '2026-01-12T02:00:00.000Z',
  place: 'Aula Disnakertrans Kota Serang; lantai 2, ruang B\nJl. Contoh No. 1',
  bring: 'KTP asli, ijazah SMA, pas foto 3×4',
  contact: 'Ibu Rina (meja seleksi)',
  fingerprint: 'fp-synthetic',
};
const facts = {
  reference: 'SRG-7K4QPX',
  invitation,
  host: 'kerja.example.go.id',
  verifyUrl: 'https://kerja.example.go.id/cek-surat/',
  now: Date.parse('2026-01-02T00:00:00Z'),
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
  ICAL.TimezoneService.register(zone, 'Asia/Jakarta');
  return { calendar, event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe('the invitation as a calendar file', () => {
  it('starts at the invitation instant, in Asia/Jakarta (09.00 WIB = 02.00 UTC)', () => {
    const { event } = parse(invitationCalendar('id', facts));
    expect(event.startDate.zone?.tzid).toBe('Asia/Jakarta');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe(invitation.at);
  });

  it('keeps the place, what to bring and whom to ask for as typed (commas, semicolons, line breaks escaped)', () => {
    const { event } = parse(invitationCalendar('id', facts));
    expect(event.location).toBe(invitation.place);
    expect(event.description).toContain(`Yang perlu dibawa: ${invitation.bring}`);
    expect(event.description).toContain(`Tanyakan kepada: ${invitation.contact}`);
    expect(event.description).toContain(facts.verifyUrl);
    expect(event.summary).toBe('Seleksi program kerja luar negeri Kota Serang');
  });

  it('one event per registration: the same UID after a change, with a higher sequence', () => {
    const first = parse(invitationCalendar('en', facts)).event;
    const changed = parse(
      invitationCalendar('en', {
        ...facts,
        invitation: { ...invitation, at: '2026-01-13T02:00:00.000Z' },
        changedAt: Date.parse('2026-01-05T00:00:00Z'),
      }),
    ).event;
    expect(changed.uid).toBe(first.uid);
    expect(changed.sequence).toBeGreaterThan(first.sequence);
    expect(first.summary).toBe('Selection: Kota Serang overseas employment program');
  });

  it('CRLF lines of at most 75 octets, folded without splitting a character', () => {
    const text = invitationCalendar('id', { ...facts, invitation: { ...invitation, note: 'é'.repeat(120) } });
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(parse(text).event.description).toContain('é'.repeat(120));
  });

  it('a reminder the day before', () => {
    const { event } = parse(invitationCalendar('id', facts));
    const alarm = event.component.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('trigger')?.toString()).toBe('-P1D');
  });
});

describe('the time in words, in WIB', () => {
  it.each([
    ['id', '2026-01-12T02:00:00.000Z', 'Senin, 12 Januari 2026, pukul 09.00 WIB'],
    ['en', '2026-01-12T02:00:00.000Z', 'Monday, 12 January 2026, at 09:00 WIB (Western Indonesia Time)'],
    // 23.30 UTC is already the next morning in Serang.
    ['id', '2026-01-11T23:30:00.000Z', 'Senin, 12 Januari 2026, pukul 06.30 WIB'],
  ] as const)('%s %s', (lang, at, words) => {
    expect(invitationTime(lang, at)).toBe(words);
  });
});
