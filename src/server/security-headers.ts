// Security headers: one definition for static pages (written to dist/_headers at build time, see
// src/cms/integration.ts) and for the pages the functions render (src/server/respond.ts). /admin has
// its own policy (src/cms/admin-csp.ts).

const publicCsp = [
  "default-src 'self'",
  // No inline script anywhere: the form's script is a file; JSON-LD is data, which CSP does not run.
  // 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly; it does not allow eval().
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');


const common: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'X-Frame-Options': 'DENY',
};

export const securityHeaders: Record<string, string> = { 'Content-Security-Policy': publicCsp, ...common };

const block = (path: string, headers: Record<string, string>) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)];

/**
 * Netlify's _headers file. Rules never overlap on Content-Security-Policy: where two matching rules
 * name the same header the values may be joined, and two policies would both apply. So the public
 * policy is given per top-level entry of the build (`entries`: directory and file names of dist/),
 * the admin policy to /admin only, and the headers that do not differ to everything.
 */
export function headersFile(entries: string[], adminCsp: string): string {
  const publicPaths = ['/', ...entries.filter((e) => e !== 'admin' && !e.startsWith('_headers')).flatMap((e) => (e.includes('.') ? [`/${e}`] : [`/${e}`, `/${e}/*`]))];
  return [
    ...block('/*', common),
    ...publicPaths.flatMap((p) => block(p, { 'Content-Security-Policy': publicCsp })),
    // Astro's bundled files carry a content hash in their names: they never change, so phones keep them.
    ...block('/_astro/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }),
    ...block('/admin', { 'Content-Security-Policy': adminCsp, 'X-Robots-Tag': 'noindex, nofollow' }),
    ...block('/admin/*', { 'Content-Security-Policy': adminCsp, 'X-Robots-Tag': 'noindex, nofollow' }),
    // Decap checks the type of its config file; Netlify would send .yml as a download.
    ...block('/admin/config.yml', { 'Content-Type': 'text/yaml; charset=utf-8' }),
    '',
  ].join('\n');
}
