// @ts-check
import { readFile } from 'node:fs/promises';

import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import netlify from '@netlify/vite-plugin';
import { defineConfig } from 'astro/config';

import { adminCsp } from './src/cms/admin-csp.ts';
import { cmsBackendFromEnv } from './src/cms/backend.ts';
import { adminIntegration } from './src/cms/integration.ts';
import { htmlAsText } from './src/content/markdown-html-as-text.ts';
import { safeLinks } from './src/content/markdown-safe-links.ts';
import { sectionPath } from './src/content/paths.ts';
import { searchIndexIntegration } from './src/content/search-index.ts';
import { placeholderIntegration } from './src/i18n/placeholder-integration.ts';
import { securityHeadersIntegration } from './src/server/headers-integration.ts';
import { ownScriptsPlugin } from './src/server/own-scripts.ts';
import { siteDataIntegration } from './src/site-data/integration.ts';
import { SHELL_ROOT } from './src/site-data/shells.ts';

// Netlify sets URL to the site's primary address during its build; locally the dev server's address is
// the honest answer. No production domain is hard-coded because none has been confirmed by the city.
const site = process.env.URL || 'http://localhost:4321';
// A production build must never put localhost in canonical links, og:url, the share card's address or
// the posters' QR codes: it fails instead (Netlify sets CONTEXT and URL during its builds).
if (process.env.CONTEXT === 'production' && /localhost|127\.0\.0\.1/.test(site)) {
  throw new Error(`Production build with site address ${site}: set the site's domain in Netlify (URL) before building for production.`);
}

/** The functions' page shells the build wrote (src/site-data), by name: checked like the pages. */
const functionShells = async () => {
  const data = JSON.parse(await readFile('src/site-data/generated.json', 'utf8'));
  return Object.fromEntries(
    Object.entries(data?.shells ?? {}).flatMap(([name, byLang]) => Object.entries(byLang).map(([lang, html]) => [`${name}-${lang}`, html])),
  );
};

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: {
    defaultLocale: 'id',
    locales: ['id', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  markdown: { processor: satteri({ mdastPlugins: [htmlAsText], hastPlugins: [safeLinks] }) },
  integrations: [
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'id', locales: { id: 'id-ID', en: 'en-US' } },
      filter: (page) =>
        !page.includes('/404') && !page.includes('/admin') && !page.includes(`/${SHELL_ROOT}/`) && !/\/poster\/$/.test(page),
    }),
    // The functions' module (src/site-data/generated.json); it also removes their page shells from dist/.
    siteDataIntegration(),
    // No page and no function page shows an unfilled `{name}` (after site-data: it reads the shells).
    placeholderIntegration({ shells: functionShells }),
    searchIndexIntegration(),
    // /admin (Decap CMS from node_modules).
    adminIntegration(),
    // Only the site's own inline scripts, then dist/_headers (last: it lists the final files).
    securityHeadersIntegration({
      adminCsp: () => adminCsp({ connect: cmsBackendFromEnv().connect }),
      // Where Pagefind runs: the search pages, and its own files (its worker compiles the WebAssembly under
      // the policy its script was served with). The only places whose policy allows compiling WebAssembly.
      searchPaths: () => [sectionPath('id', 'search'), sectionPath('en', 'search'), '/pagefind/'],
      shells: functionShells,
    }),
  ],
  vite: {
    // Serves netlify/functions/* on the dev server's own port. Edge functions are off: we have none, and
    // their emulation downloads Deno, which this network does not allow.
    // ownScriptsPlugin: src/scripts/*.ts as strings, for components that inline them (src/server/own-scripts.ts).
    plugins: [netlify({ edgeFunctions: { enabled: false } }), ownScriptsPlugin()],
    build: { assetsInlineLimit: 16384 },
    // The local Blobs store and the Airtable stand-in write thousands of files under `npm start` (an
    // outbox of 20,000 is 60,000 files): watching them kept the dev server busy and out of memory.
    server: { watch: { ignored: ['**/.netlify/**', '**/.data/**', '**/test-results/**'] } },
  },
});
