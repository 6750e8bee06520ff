import { glob, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DIST = 'dist';

/** Site path → the file Netlify would serve for it. */
export function fileForPath(pathname: string): string {
  const clean = decodeURIComponent(pathname.split(/[?#]/)[0] ?? '/');
  return clean.endsWith('/') ? join(DIST, clean, 'index.html') : join(DIST, clean);
}

/** The site's pages; /admin is the CMS application, not a page of the site. */
export async function htmlFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const f of glob('**/*.html', { cwd: DIST, exclude: ['admin/**', 'pagefind/**'] })) files.push(f.replaceAll('\\', '/'));
  return files.sort();
}

/** The site path of a built HTML file: "en/faq/index.html" → "/en/faq/". */
export function pathForFile(file: string): string {
  return '/' + file.replace(/index\.html$/, '');
}

export async function sitemapPaths(): Promise<string[]> {
  const xml = await readFile(join(DIST, 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
}
