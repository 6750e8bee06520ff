import { glob, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { ownScriptHashes, sha256Source, writeOwnScriptFiles } from './own-scripts';
import { ownStyles } from './own-styles';
import { foreignCode } from './page-code';
import { pageStyleSheets } from './page-styles';
import { headersFile, inlineHashes, metaCsp } from './security-headers';

// After the build: every page (and every page shell the functions answer with) may hold only the site's
// own inline code — the loaders of src/scripts (own-scripts.ts), the stylesheets compiled from src/
// (own-styles.ts) and the few stylesheets only some pages carry (page-styles.ts), structured data as escaped JSON — otherwise the build fails, naming the page and
// what it holds (page-code.ts). dist/_headers and the 404 page's meta policy are then written with
// those hashes only: the allowed list comes from the site's own code, never from the pages. Runs last:
// _headers lists the final files.

export interface HeadersOptions {
  /** /admin's policy (src/cms/admin-csp.ts). */
  adminCsp: () => string;
  /** Pages whose policy allows WebAssembly (the search pages and Pagefind's files). */
  searchPaths: () => string[];
  /** Page shells the functions answer with (src/site-data): checked like pages. */
  shells?: () => Promise<Record<string, string>>;
}

export function securityHeadersIntegration(options: HeadersOptions): AstroIntegration {
  const styles = ownStyles();
  let root = process.cwd();
  return {
    name: 'security-headers',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        updateConfig({ vite: { plugins: [styles.plugin] } });
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        await writeOwnScriptFiles(out);
        const own = {
          scripts: new Set(await ownScriptHashes()),
          styles: new Set([...styles.hashes(), ...pageStyleSheets(root).map(sha256Source)]),
        };
        const pages: Record<string, string> = {};
        for await (const f of glob('**/*.html', { cwd: out, exclude: ['admin/**'] })) pages[f] = await readFile(join(out, f), 'utf8');
        for (const [name, html] of Object.entries((await options.shells?.()) ?? {})) pages[`(function page) ${name}`] = html;
        const refused = Object.entries(pages).flatMap(([page, html]) => foreignCode(html, own).map((s) => `${page}: ${s}…`));
        if (refused.length) {
          throw new Error(
            `Inline code that is not the site's own (only src/scripts' loaders, the CSS compiled from src/, structured data as escaped JSON), refused:\n${refused.join('\n')}`,
          );
        }
        // The policy lists our own stylesheets that pages use, and our own loaders: never a hash read from
        // a page alone, even if the check above were bypassed.
        const ownIn = (html: string) => ({
          styles: inlineHashes(html).styles.filter((h) => own.styles.has(h)),
          scripts: inlineHashes(html).scripts.filter((h) => own.scripts.has(h)),
        });
        const hashes = {
          styles: [...new Set(Object.values(pages).flatMap((html) => ownIn(html).styles))].sort(),
          scripts: [...own.scripts].sort(),
        };
        const entries = await readdir(out);
        const enEntries = (await readdir(join(out, 'en')).catch(() => [] as string[])).map((e) => `en/${e}`);
        await writeFile(
          join(out, '_headers'),
          headersFile([...entries.filter((e) => e !== 'en'), ...enEntries], options.adminCsp(), options.searchPaths(), hashes),
        );
        // The 404 page carries its policy itself: its own stylesheet's hash, no script (it has none).
        const notFound = join(out, '404.html');
        const html = await readFile(notFound, 'utf8');
        await writeFile(
          notFound,
          html.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/, `$1${metaCsp(ownIn(html))}$2`),
        );
      },
    },
  };
}
