import generated from './generated.json';
import type { SiteData } from './types';

// The functions' view of the site, written by the build (integration.ts) and bundled into each function
// by Netlify, which bundles functions after the build command. Until a build or `npm start` has written
// it, the file holds `null` and the functions answer 503 rather than guess.

export function builtSiteData(): SiteData | undefined {
  const data = generated as unknown as Partial<SiteData> | null;
  return data?.config && data.shells ? (data as SiteData) : undefined;
}
