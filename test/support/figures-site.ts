import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { config as figuresConfig, figuresHandler } from '../../netlify/functions/figures';
import type { SiteData } from '../../src/site-data/types';
import { serveSite } from '../../tools/static-server';

/** What a built project handed its functions (src/site-data/generated.json). */
export async function builtSiteDataOf(project: string): Promise<SiteData> {
  return JSON.parse(await readFile(join(project, 'src/site-data/generated.json'), 'utf8')) as SiteData;
}

/** A built site served with the figures function at its paths, as Netlify would (the function first). */
export function serveWithFigures(project: string, siteData: () => SiteData | undefined) {
  const handler = figuresHandler(siteData);
  return serveSite(join(project, 'dist'), Object.fromEntries((figuresConfig.path as string[]).map((p) => [p, handler])));
}
