import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { locales } from '../i18n';
import { figuresShellPath, SHELL_ROOT, shellPages } from './shells';
import type { SiteData } from './types';

// Writes src/site-data/generated.json (git-ignored), the module the functions import: after a build from
// the pages Astro wrote under /site-data/ (then removed from the published site), and under `npm start`
// from the dev server's own pages, again whenever content/ changes, so a CMS edit reaches the functions
// as it reaches the pages.

const GENERATED = new URL('./generated.json', import.meta.url);
export const CONFIG_FILE = `/${SHELL_ROOT}/config.json`;

async function collect(read: (path: string) => Promise<string>): Promise<SiteData> {
  const shells = {} as SiteData['shells'];
  for (const page of shellPages()) (shells[page.name] ??= {} as SiteData['shells'][typeof page.name])[page.lang] = await read(page.path);
  // Built only while published: absent, the figures function answers the site's 404.
  const [id, en] = await Promise.all(locales.map((lang) => read(figuresShellPath(lang)).catch(() => undefined)));
  if (id && en) shells.figures = { id, en };
  const notFound = await read('/404.html').catch(() => undefined);
  return { config: JSON.parse(await read(CONFIG_FILE)), shells, ...(notFound ? { notFound } : {}) };
}

async function write(data: SiteData | null): Promise<void> {
  const text = JSON.stringify(data);
  if (existsSync(GENERATED) && (await readFile(GENERATED, 'utf8')) === text) return;
  await writeFile(GENERATED, text);
}

export function siteDataIntegration(): AstroIntegration {
  return {
    name: 'site-data',
    hooks: {
      // Before anything imports it (type check, the dev server's functions): an empty one if none exists.
      'astro:config:setup': async () => {
        if (!existsSync(GENERATED)) await write(null);
      },
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        await write(await collect((path) => readFile(root + path.slice(1) + (path.endsWith('/') ? 'index.html' : ''), 'utf8')));
        await rm(root + SHELL_ROOT, { recursive: true, force: true });
      },
      'astro:server:setup': ({ server, logger }) => {
        const collectFromDevServer = async () => {
          const address = server.httpServer?.address();
          if (!address || typeof address === 'string') return;
          const origin = `http://127.0.0.1:${address.port}`;
          try {
            await write(
              await collect(async (path) => {
                const res = await fetch(origin + path);
                if (!res.ok) throw new Error(`${path}: ${res.status}`);
                return res.text();
              }),
            );
          } catch (e) {
            logger.warn(`site data for the functions not refreshed: ${(e as Error).message}`);
          }
        };
        // Astro re-reads a changed content file a moment after the watcher reports it, so look twice:
        // soon, and again when the content layer has surely caught up (an unchanged result writes nothing).
        let timers: NodeJS.Timeout[] = [];
        const refresh = () => {
          timers.forEach(clearTimeout);
          timers = [300, 2500].map((ms) => setTimeout(collectFromDevServer, ms));
        };
        server.httpServer?.once('listening', refresh);
        server.watcher.on('all', (_event, file) => {
          if (file.includes('/content/') || file.includes('/src/i18n/')) refresh();
        });
      },
    },
  };
}
