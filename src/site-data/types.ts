import type { Locale } from '../i18n';
import type { RegistrationConfig } from '../registration/config';
import type { ShellName } from './shells';

/** What the build hands the functions: the registration config and the shells of their pages. */
export interface SiteData {
  config: RegistrationConfig;
  shells: Record<ShellName, Record<Locale, string>>;
}
