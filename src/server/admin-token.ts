import { timingSafeEqual } from 'node:crypto';

/**
 * Staff endpoints (/api/outbox, /api/registrations) answer only a bearer token equal to
 * OUTBOX_ADMIN_TOKEN; without the variable they do not exist. Compared in constant time.
 */
export function staffAuthorized(req: Request, token = process.env.OUTBOX_ADMIN_TOKEN): boolean {
  const sent = Buffer.from(req.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return !!token && sent.length === expected.length && timingSafeEqual(sent, expected);
}
