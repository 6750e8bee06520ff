import type { Context } from '@netlify/functions';

// Netlify's site-wide Blobs stores are shared by the production deploy, Deploy Previews and branch
// deploys (a CMS draft gets a Deploy Preview). A preview must never read or write real registrations,
// so everything that touches them answers only in production and on a developer's machine: `dev`, an
// empty name (what @netlify/dev's emulation under `npm start` passes), or no context at all (a test or
// tool calling a handler directly). Netlify itself always names the context.

const WITH_REGISTRATIONS = new Set(['production', 'dev']);

export function handlesRegistrations(context?: Pick<Context, 'deploy'> | undefined): boolean {
  const name = context?.deploy?.context;
  return !name || WITH_REGISTRATIONS.has(name);
}
