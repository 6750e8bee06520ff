// Security headers: one definition for static pages (written to dist/_headers at build time, see
// astro.config.mjs) and for the pages the functions render (respond.ts).

export const publicCsp = [
  "default-src 'self'",
  // No inline script anywhere: the form's script is a file; JSON-LD is data, which CSP does not run.
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': publicCsp,
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'X-Frame-Options': 'DENY',
};

/** Netlify's _headers file format. */
export function headersFile(): string {
  return ['/*', ...Object.entries(securityHeaders).map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');
}
