import { glob, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { ownScriptHashes, writeOwnScriptFiles } from './own-scripts';
import { headersFile, inlineHashes, metaCsp } from './security-headers';

// After the build: every page's inline scripts must be the site's own (src/server/own-scripts.ts) —
// otherwise the build fails, naming the page and the script — and dist/_headers and the 404 page's
// meta policy are written with those scripts' hashes and the pages' inline stylesheet hashes. Runs
// last: _headers lists the final files.

export interface HeadersOptions {
  /** /admin's policy (src/cms/admin-csp.ts). */
  adminCsp: () => string;
  /** Pages whose policy allows WebAssembly (the search pages and Pagefind's files). */
  searchPaths: () => string[];
  /** Page shells the functions answer with (src/site-data): checked like pages. */
  shells?: () => Promise<Record<string, string>>;
}

/** The inline scripts of a page that are not one of the allowed ones, as short excerpts. */
export function foreignScripts(html: string, allowed: Set<string>): string[] {
  const found = inlineHashes(html);
  return found.scripts.filter((h) => !allowed.has(h)).map((h) => found.sources.get(h)!.slice(0, 80));
}

export function securityHeadersIntegration(options: HeadersOptions): AstroIntegration {
  return {
    name: 'security-headers',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        await writeOwnScriptFiles(root);
        const own = new Set(await ownScriptHashes());
        const pages: Record<string, string> = {};
        for await (const f of glob('**/*.html', { cwd: root, exclude: ['admin/**'] })) pages[f] = await readFile(join(root, f), 'utf8');
        for (const [name, html] of Object.entries((await options.shells?.()) ?? {})) pages[`(function page) ${name}`] = html;
        const refused = Object.entries(pages).flatMap(([page, html]) => foreignScripts(html, own).map((s) => `${page}: <script>${s}…`));
        if (refused.length) throw new Error(`Inline script that is not the site's own (src/scripts), refused:\n${refused.join('\n')}`);
        const styles = [...new Set(Object.values(pages).flatMap((html) => inlineHashes(html).styles))].sort();
        const hashes = { styles, scripts: [...own].sort() };
        const entries = await readdir(root);
        const enEntries = (await readdir(join(root, 'en')).catch(() => [] as string[])).map((e) => `en/${e}`);
        await writeFile(
          join(root, '_headers'),
          headersFile([...entries.filter((e) => e !== 'en'), ...enEntries], options.adminCsp(), options.searchPaths(), hashes),
        );
        // The 404 page carries its policy itself: its own stylesheet's hash, no script.
        const notFound = join(root, '404.html');
        const html = await readFile(notFound, 'utf8');
        await writeFile(
          notFound,
          html.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/, `$1${metaCsp(inlineHashes(html))}$2`),
        );
      },
    },
  };
}
