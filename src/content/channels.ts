// Links for contact channels typed by staff in whatever format they were given.
export const telHref = (n: string | undefined) => n && `tel:${n.replace(/[^\d+]/g, '')}`;
export const waHref = (n: string | undefined) => n && `https://wa.me/${n.replace(/\D/g, '').replace(/^0/, '62')}`;
export const mailHref = (e: string | undefined) => e && `mailto:${e}`;

export interface ChannelRow {
  label: string;
  value: string | undefined;
  href?: string | undefined;
}

/** Whether any way to reach the office is published: otherwise pages say so instead of pointing at nothing. */
export const hasContactChannel = (c: { address?: string | undefined; phone?: string | undefined; whatsapp?: string | undefined; email?: string | undefined }) =>
  !!(c.address || c.phone || c.whatsapp || c.email);
