// Links for contact channels typed by staff in whatever format they were given.
export const telHref = (n: string | undefined) => n && `tel:${n.replace(/[^\d+]/g, '')}`;
export const waHref = (n: string | undefined) => n && `https://wa.me/${n.replace(/\D/g, '').replace(/^0/, '62')}`;
export const mailHref = (e: string | undefined) => e && `mailto:${e}`;

export interface ChannelRow {
  label: string;
  value: string | undefined;
  href?: string | undefined;
}
