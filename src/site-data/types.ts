import type { Locale } from '../i18n';
import type { RegistrationConfig } from '../registration/config';
import type { ShellName } from './shells';

/** What the build hands the functions: the registration config and the shells of their pages. */
export interface SiteData {
  config: RegistrationConfig;
  /** The function pages' shells; `figures` only while staff publish the figures page. */
  shells: Record<ShellName, Record<Locale, string>> & { figures?: Record<Locale, string> };
  /** The site's 404 page, for a function whose page is not published (the figures while off). */
  notFound?: string;
}
