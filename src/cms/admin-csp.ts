import { DECAP_PORT } from './local-backend';

/**
 * Decap CMS is a React app we do not control: it injects styles at run time (emotion) and compiles
 * schemas with `new Function` (ajv), so it needs 'unsafe-inline' styles and 'unsafe-eval'. It is kept
 * to /admin, which only logged-in staff use and which no public page links to.
 *
 * `localBackend` adds decap-server on localhost, which only `npm start` (and the CMS test) runs; the
 * built site never allows it, so a page on the production origin cannot talk to a staff member's own
 * machine.
 */
export function adminCsp({ localBackend = false, connect = [] as string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Production talks to its own origin (Git Gateway and Identity under /.netlify/), and to the login
    // service of another backend when CMS_BACKEND chooses one (`connect`).
    `connect-src 'self'${connect.map((o) => ` ${o}`).join('')}${localBackend ? ` http://localhost:${DECAP_PORT}` : ''}`,
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
