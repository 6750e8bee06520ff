// Links for contact channels typed by staff in whatever format they were given.
export const telHref = (n: string | undefined) => n && `tel:${n.replace(/[^\d+]/g, '')}`;
export const waHref = (n: string | undefined) => n && `https://wa.me/${n.replace(/\D/g, '').replace(/^0/, '62')}`;
export const mailHref = (e: string | undefined) => e && `mailto:${e}`;

/**
 * SP4N-LAPOR!, the national complaint channel for public services: its address is public knowledge, so
 * /kontak/ and the scam page always list it, whatever staff have filled in (REFERENCE §9).
 */
export const LAPOR = { url: 'https://www.lapor.go.id', label: 'www.lapor.go.id' } as const;

export interface ChannelRow {
  label: string;
  value: string | undefined;
  href?: string | undefined;
}

/** Whether a phone or WhatsApp number of the office is published: only then may a page call other numbers unofficial. */
export const hasContactNumber = (c: { phone?: string | undefined; whatsapp?: string | undefined }) => !!(c.phone || c.whatsapp);

/** Whether any way to reach the office is published: otherwise pages say so instead of pointing at nothing. */
export const hasContactChannel = (c: { address?: string | undefined; phone?: string | undefined; whatsapp?: string | undefined; email?: string | undefined }) =>
  !!(c.address || c.phone || c.whatsapp || c.email);
