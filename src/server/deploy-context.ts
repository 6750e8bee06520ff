import type { Context } from '@netlify/functions';

// Netlify's site-wide Blobs stores are shared by the production deploy, Deploy Previews and branch
// deploys (a CMS draft gets a Deploy Preview). A preview must never read or write real registrations,
// so everything that touches them answers only in production and on a developer's machine (`dev`,
// or no context at all when a test or tool calls a handler directly).

const WITH_REGISTRATIONS = new Set(['production', 'dev']);

export function handlesRegistrations(context?: Pick<Context, 'deploy'> | undefined): boolean {
  const name = context?.deploy?.context;
  return name === undefined || WITH_REGISTRATIONS.has(name);
}
