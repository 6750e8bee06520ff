import { sectionPath } from '../paths';
import type { Locale } from '../../i18n';
import { BLOCK_END, BLOCK_START, esc } from './html';
import { CONFIG_PATH, type RegistrationOptions } from './options';

// What the function needs from the built site: the choices from content, and the register page as a
// shell to render answers into. Both are fetched from the site's own origin and kept for a minute, so a
// published CMS change reaches the function without a redeploy of the function.

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res;
}

export function loadOptions(origin: string): Promise<RegistrationOptions> {
  return cached(`options ${origin}`, async () => (await fetchOk(origin + CONFIG_PATH)).json() as Promise<RegistrationOptions>);
}

export function loadShell(origin: string, lang: Locale): Promise<string> {
  return cached(`shell ${origin} ${lang}`, async () => (await fetchOk(origin + sectionPath(lang, 'register'))).text());
}

/** The register page with its registration block replaced, its title set, and its script kept. */
export function fillShell(shell: string, block: string, title: string): string {
  const start = shell.indexOf(BLOCK_START);
  const end = shell.indexOf(BLOCK_END);
  if (start < 0 || end < 0) throw new Error('register page has no registration block');
  return (shell.slice(0, start) + block + shell.slice(end + BLOCK_END.length)).replace(
    /<title>[^<]*<\/title>/,
    `<title>${esc(title)}</title>`,
  );
}

export function clearSiteCache(): void {
  cache.clear();
}
