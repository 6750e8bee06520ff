import { createHash } from 'node:crypto';

// Security headers: one definition for static pages (written to dist/_headers at build time, see
// headers-integration.ts) and for the pages the functions render (src/server/respond.ts). /admin has
// its own policy (src/cms/admin-csp.ts).

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page's <script> and <style> elements with their attributes and raw text, read as a browser's
 * tokenizer would for the markup the site writes: a "<" inside a quoted attribute value (content text
 * in a description or a title attribute is escaped for quotes, not for "<"), inside a comment or inside
 * another script's or stylesheet's text starts no element. The build checks, page by page, that what
 * this finds is exactly the site's own code, with a real HTML parser (page-code.ts).
 */
function rawTextElements(html: string): { tag: 'script' | 'style'; attrs: string; body: string }[] {
  const found: { tag: 'script' | 'style'; attrs: string; body: string }[] = [];
  const tagStart = /<(!--|\/?[a-zA-Z][^\s/>]*)/g;
  let at = 0;
  for (;;) {
    tagStart.lastIndex = at;
    const m = tagStart.exec(html);
    if (!m) return found;
    if (m[1] === '!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end < 0) return found;
      at = end + 3;
      continue;
    }
    let end = m.index + m[0].length;
    while (end < html.length && html[end] !== '>') {
      const q = html[end];
      end = q === '"' || q === "'" ? html.indexOf(q, end + 1) + 1 || html.length : end + 1;
    }
    const tag = m[1]!.toLowerCase();
    at = end + 1;
    if (tag !== 'script' && tag !== 'style') continue;
    const close = new RegExp(`</${tag}[\\s/>]`, 'gi');
    close.lastIndex = at;
    const stop = close.exec(html)?.index ?? html.length;
    found.push({ tag, attrs: html.slice(m.index + m[0].length, end), body: html.slice(at, stop) });
    at = stop;
  }
}

/**
 * The hashes of a page's inline stylesheets and inline scripts, for style-src and script-src: what a
 * function sends with a page shell (cspForPage), and the 404 page's own policy. A hash allows exactly
 * that code and nothing injected ('unsafe-inline' is never used). Scripts from a file and JSON-LD (data,
 * not script) need none.
 */
export function inlineHashes(html: string): { styles: string[]; scripts: string[]; sources: Map<string, string> } {
  const styles = new Set<string>();
  const sources = new Map<string, string>();
  for (const el of rawTextElements(html)) {
    if (el.tag === 'style') styles.add(sha256(el.body));
    else if (!/\ssrc\s*=/i.test(el.attrs) && !/\stype\s*=\s*["']?application\/ld\+json/i.test(el.attrs))
      sources.set(sha256(el.body), el.body);
  }
  return { styles: [...styles], scripts: [...sources.keys()], sources };
}

export const policy = ({ wasm = false, styles = [] as string[], scripts = [] as string[] } = {}) =>
  [
    "default-src 'self'",
    // 'wasm-unsafe-eval' (search pages only) lets Pagefind compile its WebAssembly; it never allows eval().
    `script-src 'self'${scripts.map((h) => ` ${h}`).join('')}${wasm ? " 'wasm-unsafe-eval'" : ''}`,
    `style-src 'self'${styles.map((h) => ` ${h}`).join('')}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * For a `<meta http-equiv>` policy, on the one page no path rule can reach: the 404 page, which Netlify
 * serves for any missing address. Browsers ignore frame-ancestors in a meta policy (X-Frame-Options,
 * sent for every path, covers framing). The build adds the page's hashes (headers-integration.ts).
 */
export const metaCsp = (hashes: { styles?: string[]; scripts?: string[] } = {}) => policy(hashes).replace(/; frame-ancestors [^;]+/, '');

const cspByPage = new Map<string, string>();
/** The policy for a page a function renders, with its own inline code's hashes (computed once per shell). */
export function cspForPage(html: string): string {
  let csp = cspByPage.get(html);
  if (!csp) cspByPage.set(html, (csp = policy(inlineHashes(html))));
  return csp;
}

const common: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'X-Frame-Options': 'DENY',
};

/** The headers every function answer carries; a page adds its policy (cspForPage), JSON gets the plain one. */
export const securityHeaders: Record<string, string> = { 'Content-Security-Policy': policy(), ...common };

const block = (path: string, headers: Record<string, string>) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)];

/**
 * Netlify's _headers file. Rules never overlap on Content-Security-Policy: where two matching rules
 * name the same header the values may be joined, and two policies would both apply. So a policy is
 * given per entry of the build (`entries`: names in dist/, and in dist/en/ as "en/…"), the search
 * pages (`searchPaths`) get the policy that allows WebAssembly, /admin gets its own, and the headers
 * that do not differ go to everything.
 */
export function headersFile(
  entries: string[],
  adminCsp: string,
  searchPaths: string[],
  hashes: { styles: string[]; scripts: string[] } = { styles: [], scripts: [] },
): string {
  const publicCsp = policy(hashes);
  const searchCsp = policy({ wasm: true, ...hashes });
  const search = new Set(searchPaths.map((p) => p.replace(/\/$/, '')));
  const parents = [...new Set(entries.filter((e) => e.includes('/')).map((e) => e.slice(0, e.lastIndexOf('/'))))];
  const rules = entries
    .filter((e) => e !== 'admin' && !e.startsWith('_headers'))
    .map((e) => ({ path: `/${e}`, dir: !e.split('/').pop()!.includes('.') }));
  const policyFor = (path: string) => ({ 'Content-Security-Policy': search.has(path) ? searchCsp : publicCsp });
  return [
    ...block('/*', common),
    ...block('/', policyFor('/')),
    ...parents.flatMap((p) => [...block(`/${p}`, policyFor(`/${p}`)), ...block(`/${p}/`, policyFor(`/${p}`))]),
    ...rules.flatMap(({ path, dir }) =>
      dir ? [...block(path, policyFor(path)), ...block(`${path}/*`, policyFor(path))] : block(path, policyFor(path)),
    ),
    // Astro's bundled files carry a content hash in their names: they never change, so phones keep them.
    ...block('/_astro/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }),
    // So are our own scripts' files (src/server/own-scripts.ts).
    ...block('/_own/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }),
    ...block('/admin', { 'Content-Security-Policy': adminCsp, 'X-Robots-Tag': 'noindex, nofollow' }),
    ...block('/admin/*', { 'Content-Security-Policy': adminCsp, 'X-Robots-Tag': 'noindex, nofollow' }),
    // Decap checks the type of its config file; Netlify would send .yml as a download.
    ...block('/admin/config.yml', { 'Content-Type': 'text/yaml; charset=utf-8' }),
    '',
  ].join('\n');
}
