import { type Locale, type MessageKey, t } from '../i18n';
import { fillShell, type PageFill } from './page-shell';
import { cspForPage, securityHeaders } from './security-headers';

// Answers for the two kinds of client: JSON for scripts, a full HTML page for a plain form post.

// Answers carry no-store (they may hold a person's answers) and the site's security headers — except
// the CSP under `npm start`, whose dev server inlines styles and scripts that the built site has as files.
const { ['Content-Security-Policy']: csp, ...otherHeaders } = securityHeaders;
const devServer = !!process.env.SITE_DEV_SERVER;
const noStore = { 'Cache-Control': 'no-store', ...otherHeaders, ...(devServer ? {} : { 'Content-Security-Policy': csp! }) };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });
}

/** A page from one of the shells the build made (src/site-data), filled with this answer. */
/** For pages whose address carries an owner's token (receipt, letter): no link may send it on as a Referer. */
export const NO_REFERRER = { 'Referrer-Policy': 'no-referrer' } as const;

export function page(shell: string, status: number, fill: PageFill, headers: Record<string, string> = {}): Response {
  // The shell's inline stylesheet is allowed by its hash; the answer filled in adds no style.
  const policy = devServer ? {} : { 'Content-Security-Policy': cspForPage(shell) };
  return new Response(fillShell(shell, fill), {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore, ...policy, ...headers },
  });
}

/**
 * A page the build made, answered whole: `html` is `shell` with the answer already in it (the figures
 * page), or the shell itself (the 404 page). The policy comes from the shell, whose inline stylesheet
 * the answer does not change. `headers` may relax no-store for a page that holds nothing personal.
 */
export function builtPage(shell: string, html: string, status: number, headers: Record<string, string> = {}): Response {
  const policy = devServer ? {} : { 'Content-Security-Policy': cspForPage(shell) };
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore, ...policy, ...headers } });
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...noStore } });
}

export function plain(status: number, lang: Locale, key: MessageKey, headers: Record<string, string> = {}): Response {
  return new Response(t(lang, key), { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore, ...headers } });
}
