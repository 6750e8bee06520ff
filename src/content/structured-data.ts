import { t } from '../i18n';
import type { SiteRoute } from './routes';

/**
 * schema.org data for a page: GovernmentService for the program's own pages, Organization (its licence
 * as identifier) for a company in the register; announcements and lists carry none.
 */
export function structuredData(route: SiteRoute, site: URL | undefined) {
  if (route.view.kind === 'company') {
    const c = route.view.entry.data;
    return {
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: c.name,
      url: new URL(route.path, site).href,
      identifier: { '@type': 'PropertyValue', propertyID: 'SIP3MI', value: c.licenceNumber },
      address: c.headOffice,
      ...(c.branches.length ? { location: c.branches.map((b) => ({ '@type': 'Place', name: b.city, address: b.address })) } : {}),
      sameAs: c.source,
    };
  }
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
