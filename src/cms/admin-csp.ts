import { DECAP_PORT } from './local-backend';

/**
 * Decap CMS is a React app we do not control: it injects styles at run time (emotion) and compiles
 * schemas with `new Function` (ajv), so it needs 'unsafe-inline' styles and 'unsafe-eval'. It is kept
 * to /admin, which only logged-in staff use and which no public page links to.
 */
export const adminCsp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // decap-server in `npm start` (the CMS only tries it on localhost); production talks to the same
  // origin (Git Gateway and Identity under /.netlify/).
  `connect-src 'self' http://localhost:${DECAP_PORT}`,
  "frame-src 'self' blob:",
  "worker-src 'self' blob:",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
