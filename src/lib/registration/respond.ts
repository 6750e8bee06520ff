import { t, type Locale, type MessageKey } from '../../i18n';
import { sectionPath } from '../paths';
import { fillShell, loadShell } from './site';
import { esc } from './html';
import { securityHeaders } from '../security-headers';

// Answers for the two kinds of client: JSON for scripts, a full HTML page for a plain form post.

// Answers carry no-store (they may hold a person's answers) and the site's security headers — except
// the CSP under `npm start`, whose dev server inlines styles and scripts that the built site has as files.
const { ['Content-Security-Policy']: csp, ...otherHeaders } = securityHeaders;
const noStore = { 'Cache-Control': 'no-store', ...otherHeaders, ...(process.env.SITE_DEV_SERVER ? {} : { 'Content-Security-Policy': csp! }) };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });
}

/** `switchTo`: where the language switch should lead instead of the other language's form. */
export async function page(origin: string, lang: Locale, status: number, block: string, title: string, switchTo?: string): Promise<Response> {
  const fullTitle = `${title} | ${t(lang, 'site.name')}`;
  // Without the site's page (a failed fetch) the answer is still a readable page, never a 5xx.
  const html = await loadShell(origin, lang).then(
    (shell) => {
      const filled = fillShell(shell, block, fullTitle);
      return switchTo ? filled.replace(/(<a class="lang" href=")[^"]*"/, `$1${esc(switchTo)}"`) : filled;
    },
    () => `<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(fullTitle)}</title><main>${block}</main></html>`,
  );
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore } });
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...noStore } });
}

export function receiptLocation(lang: Locale, reference: string): string {
  return `${sectionPath(lang, 'registerThanks')}?ref=${encodeURIComponent(reference)}`;
}

export function plain(status: number, lang: Locale, key: MessageKey, headers: Record<string, string> = {}): Response {
  return new Response(t(lang, key), { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore, ...headers } });
}

/** One line per event, with a reference at most: never a name, NIK, birth date or phone number. */
export function logEvent(event: string, detail: Record<string, string | number> = {}): void {
  console.log(JSON.stringify({ event, ...detail }));
}
