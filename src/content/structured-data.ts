import { t } from '../i18n';
import type { SiteRoute } from './routes';

/** schema.org GovernmentService for the program's own pages; announcements and lists carry none. */
export function governmentService(route: SiteRoute, site: URL | undefined) {
  if (!['home', 'page', 'destination'].includes(route.view.kind)) return undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: t(route.lang, 'site.name'),
    description: t(route.lang, 'home.lead'),
    url: new URL(route.path, site).href,
    inLanguage: route.lang,
    serviceType: t(route.lang, 'home.title'),
    areaServed: { '@type': 'City', name: 'Kota Serang' },
    provider: { '@type': 'GovernmentOrganization', name: 'Pemerintah Kota Serang' },
    broker: { '@type': 'Organization', name: 'APJATI' },
    offers: { '@type': 'Offer', price: 0, priceCurrency: 'IDR' },
    availableChannel: { '@type': 'ServiceChannel', serviceUrl: new URL(route.path, site).href },
  };
}
