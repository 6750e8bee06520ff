import type { Context } from '@netlify/functions';

// Netlify's site-wide Blobs stores are shared by the production deploy, Deploy Previews, branch
// deploys and every earlier production deploy, whose permalinks still run their own (older) functions.
// Everything that touches registrations therefore answers only on the live production deploy and on a
// developer's machine, and fails closed: no context, another context name, or a deploy that is not
// the published one (`published: false`) is treated as a preview.
//   production   Netlify's live deploy (published)
//   dev          `netlify dev`
//   ''           @netlify/dev's emulation under `npm start`, trusted only where tools/dev.ts set SITE_DEV_SERVER

/** The live production deploy, where the launch gate applies (src/registration/launch-gate.ts). */
export function isLiveProduction(context?: Pick<Context, 'deploy'> | undefined): boolean {
  return context?.deploy?.context === 'production' && context.deploy.published !== false;
}

export function handlesRegistrations(
  context?: Pick<Context, 'deploy'> | undefined,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const deploy = context?.deploy;
  if (!deploy) return false;
  // The emulation under `npm start` names no context and says the deploy is not published.
  if (deploy.context === '') return !!env.SITE_DEV_SERVER;
  if (deploy.published === false) return false;
  return deploy.context === 'production' || deploy.context === 'dev';
}
