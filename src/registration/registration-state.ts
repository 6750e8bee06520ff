import { type Locale, type MessageKey, t } from '../i18n';
import type { RegistrationConfig } from './config';

// Whether registration is open is decided here, once. The form page and the register function, and every
// call to register — the menu, the home page, vacancy and destination pages, posters, the self-check's
// result, the receipt's link — ask this function, so no page invites a registration the form refuses.

/** open: the form; soon: production before launch (launch-gate.ts); closed: staff closed it (settings). */
export type RegistrationState = 'open' | 'soon' | 'closed';

/**
 * `production`: the live production deploy for a function (src/server/deploy-context.ts isLiveProduction),
 * Netlify's production build for a page (productionBuild). The gate comes first: before launch the site
 * says why it is not open yet, whatever the switch says.
 */
export function registrationState(config: Pick<RegistrationConfig, 'open' | 'gate'>, production: boolean): RegistrationState {
  if (production && config.gate.length > 0) return 'soon';
  return config.open ? 'open' : 'closed';
}

/** Netlify names the build's context (CONTEXT): the pages of a production build are gated as the live functions are. */
export const productionBuild = (env: Record<string, string | undefined> = process.env): boolean => env.CONTEXT === 'production';

/**
 * The words of a call to register: its own invitation while registration is open, otherwise the title of
 * the page it links to ("Pendaftaran segera dibuka", "Pendaftaran ditutup"), which says why.
 */
export function registerCallText(lang: Locale, state: RegistrationState, invitation: MessageKey): string {
  return t(lang, state === 'open' ? invitation : state === 'soon' ? 'reg.soon.title' : 'reg.closed.title');
}
