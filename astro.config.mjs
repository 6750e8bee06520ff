// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import netlify from '@netlify/vite-plugin';
import { adminIntegration } from './src/cms/integration.ts';
import { searchIndexIntegration } from './src/content/search-index.ts';
import { siteDataIntegration } from './src/site-data/integration.ts';
import { SHELL_ROOT } from './src/site-data/shells.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { htmlAsText } from './src/content/markdown-html-as-text.ts';
import { safeLinks } from './src/content/markdown-safe-links.ts';

// Netlify sets URL to the site's primary address during its build; locally the dev server's address is
// the honest answer. No production domain is hard-coded because none has been confirmed by the city.
const site = process.env.URL ?? 'http://localhost:4321';

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
      filter: (page) => !page.includes('/404') && !page.includes('/admin') && !page.includes(`/${SHELL_ROOT}/`) && !/\/poster\/$/.test(page),
    }),
    // The functions' module (src/site-data/generated.json); it also removes their page shells from dist/.
    siteDataIntegration(),
    searchIndexIntegration(),
    // /admin (Decap CMS from node_modules) and dist/_headers (last: it lists the final files).
    adminIntegration(),
  ],
  vite: {
    // Serves netlify/functions/* on the dev server's own port. Edge functions are off: we have none, and
    // their emulation downloads Deno, which this network does not allow.
    plugins: [netlify({ edgeFunctions: { enabled: false } })],
    // Small scripts go inline (the form's enhancement: no second round trip on a weak connection); the
    // build puts each inline script's hash in the Content-Security-Policy (src/server/security-headers.ts).
    build: { assetsInlineLimit: 16384 },
    // The local Blobs store and the Airtable stand-in write thousands of files under `npm start` (an
    // outbox of 20,000 is 60,000 files): watching them kept the dev server busy and out of memory.
    server: { watch: { ignored: ['**/.netlify/**', '**/.data/**', '**/test-results/**'] } },
  },
});
