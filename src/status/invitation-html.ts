import { sectionPath } from '../content/paths';
import type { FingerprintedInvitation } from '../delivery/invitation';
import { formatDate, type Locale, t } from '../i18n';
import { esc } from '../shared/html';
import { SERANG_TIME_ZONE } from '../shared/serang-time';
import { type InvitationView, letterUntil } from './invitation';

// The selection invitation as the person reads it: in the stage card (the receipt and the status
// check's answer) and on the printable letter. Times in WIB, in words: "Senin, 12 Januari 2026, pukul
// 09.00 WIB". Staff's own words (place, what to bring, whom to ask for, note) are shown as typed, line
// breaks kept, escaped.

const dayFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: SERANG_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: SERANG_TIME_ZONE }),
};
const timeFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SERANG_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SERANG_TIME_ZONE }),
};

/** "Senin, 12 Januari 2026, pukul 09.00 WIB" / "Monday, 12 January 2026, at 09:00 WIB (Western Indonesia Time)". */
export function invitationTime(lang: Locale, at: string): string {
  const ms = Date.parse(at);
  return t(lang, 'invite.when', { date: dayFormats[lang].format(ms), time: timeFormats[lang].format(ms) });
}

/** Staff's text, escaped, its line breaks kept. */
export const multiline = (s: string) => esc(s).replace(/\r?\n/g, '<br>');

/** When, where, what to bring, whom to ask for, the note: a list of terms, the empty ones left out. */
export function invitationFacts(lang: Locale, inv: FingerprintedInvitation): string {
  const rows: [string, string | undefined][] = [
    [t(lang, 'invite.at'), esc(invitationTime(lang, inv.at))],
    [t(lang, 'invite.place'), multiline(inv.place)],
    [t(lang, 'invite.bring'), inv.bring && multiline(inv.bring)],
    [t(lang, 'invite.contact'), inv.contact && multiline(inv.contact)],
    [t(lang, 'invite.note'), inv.note && multiline(inv.note)],
  ];
  return `<dl class="invitation__facts">${rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`)
    .join('')}</dl>`;
}

/** The owner's links beside the invitation: its letter and its calendar file. */
export interface InvitationLinks {
  letter: string;
  calendar: string;
}

/**
 * The invitation in the stage card. With the owner's links (the receipt): the letter and the calendar
 * file; without (the status check's answer): where to find them.
 */
export function invitationBlock(lang: Locale, view: InvitationView | undefined, links?: InvitationLinks, now = Date.now()): string {
  if (!view) return '';
  const verifyLink = `<p><a href="${sectionPath(lang, 'verifyLetter')}">${esc(t(lang, 'guide.letterLink'))}</a></p>`;
  if (view.kind !== 'invited') {
    const at = view.kind === 'cancelled' ? view.invitation.at : view.previousAt;
    return (
      `<section class="invitation invitation--cancelled" aria-labelledby="invitation-title">` +
      `<h2 id="invitation-title">${esc(t(lang, 'invite.cancelled.title'))}</h2>` +
      `<p>${esc(t(lang, 'invite.cancelled.text', { when: invitationTime(lang, at) }))}</p></section>`
    );
  }
  const inv = view.invitation;
  const past = Date.parse(inv.at) + 86_400_000 < now;
  return (
    `<section class="invitation" aria-labelledby="invitation-title">` +
    (view.changedAt !== undefined ? `<p class="invitation__changed"><strong>${esc(t(lang, 'invite.changed'))}</strong></p>` : '') +
    `<h2 id="invitation-title">${esc(t(lang, 'invite.title'))}</h2>` +
    invitationFacts(lang, inv) +
    (past ? `<p class="hint">${esc(t(lang, 'invite.past'))}</p>` : '') +
    (links
      ? `<p class="invitation__links no-print"><a class="button" href="${esc(links.letter)}">${esc(t(lang, 'invite.print'))}</a> ` +
        `<a class="button button--secondary" href="${esc(links.calendar)}" download>${esc(t(lang, 'invite.calendar'))}</a></p>`
      : `<p class="hint">${esc(t(lang, 'invite.ownerLinkHint'))}</p>`) +
    `<p class="warning">${esc(t(lang, 'invite.free'))}</p>${verifyLink}</section>`
  );
}

/** The last day a letter for this invitation verifies, as a date in words. */
export const verifiableUntil = (lang: Locale, inv: FingerprintedInvitation) => formatDate(lang, new Date(letterUntil(inv.at)));
