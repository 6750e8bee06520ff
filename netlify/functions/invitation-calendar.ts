// GET /daftar/undangan/undangan-seleksi.ics?ref=…&t=… (English: /en/register/invitation/selection.ics)
// — the selection invitation as a calendar file (RFC 5545) for the owner's link only, read through the
// same cache and budget as the status. Anything else: 404, the same for every kind of wrong link.
import type { Config, Context } from '@netlify/functions';

import { sectionPath } from '../../src/content/paths';
import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { localeOfPath } from '../../src/i18n';
import { logEvent } from '../../src/server/log';
import { plain } from '../../src/server/respond';
import { STATUS_CALLS } from '../../src/status/check';
import { invitationCalendar } from '../../src/status/invitation-calendar';
import { ownerInvitation } from '../../src/status/owner-link';

export default async (req: Request, context?: Context): Promise<Response> => {
  const url = new URL(req.url);
  const lang = localeOfPath(url.pathname);
  const owner = await ownerInvitation(url, context, airtableClientFromEnv(STATUS_CALLS));
  logEvent('letter.calendar', { answer: owner.kind });
  if (owner.kind === 'busy') return plain(503, lang, 'letter.busy');
  if (owner.kind !== 'letter') return plain(404, lang, 'letter.none.text');
  const body = invitationCalendar(lang, {
    reference: owner.reference,
    invitation: owner.view.invitation,
    ...(owner.view.changedAt !== undefined ? { changedAt: owner.view.changedAt } : {}),
    host: url.hostname,
    verifyUrl: new URL(sectionPath(lang, 'verifyLetter'), url).href,
  });
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${lang === 'en' ? 'selection' : 'undangan-seleksi'}-${owner.reference}.ics"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};

export const config: Config = {
  // Literal paths: src/content/paths.ts (invitationCalendarPath) has the same.
  path: ['/daftar/undangan/undangan-seleksi.ics', '/en/register/invitation/selection.ics'],
  method: ['GET'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
