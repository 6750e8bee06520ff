import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { contentTypeFor } from '../shared/content-types';
import { adminCsp } from './admin-csp';
import { cmsBackendFromEnv } from './backend';
import { cmsConfigYaml } from './config';
import { cmsPreviewLabels } from './preview-labels';

// /admin: Decap CMS served from our own build, never from a CDN. At build time the bundle, its lazy
// chunks and wasm files are copied out of node_modules into dist/admin next to the generated
// config.yml; in `npm start` the same files are served by a dev-server middleware (astro dev does not
// serve public/admin/ as /admin/).

const DECAP_DIST = 'node_modules/decap-cms/dist';
const IDENTITY_WIDGET = 'node_modules/netlify-identity-widget/build/netlify-identity-widget.js';
const OWN = 'src/cms/preview';

const decapFile = (name: string) => /^(\d+\.)?decap-cms\.js$|\.wasm$|^decap-cms\.js\.LICENSE\.txt$/.test(name);

function adminPage({ identity }: { identity: boolean }): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Pengelola Konten — Kerja Luar Negeri Kota Serang</title>
<link href="/admin/config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Pengelola konten membutuhkan JavaScript. Aktifkan JavaScript di peramban Anda.</noscript>
${identity ? '<script src="/admin/netlify-identity-widget.js"></script>\n' : ''}<script src="/admin/decap-cms.js"></script>
<script src="/admin/cms-setup.js"></script>
</body>
</html>
`;
}

/** Our setup script with the labels it shows in previews and Decap's Indonesian interface; the rest is plain JS in src/cms/preview. */
async function setupScript(): Promise<string> {
  const source = await readFile(join(OWN, 'cms-setup.js'), 'utf8');
  const locale = await readFile('src/cms/decap-locale-id.json', 'utf8');
  return `var PREVIEW_LABELS = ${JSON.stringify(cmsPreviewLabels())};\nvar DECAP_LOCALE_ID = ${JSON.stringify(JSON.parse(locale))};\n${source}`;
}

/** The site's stylesheet, so a preview looks like the page citizens see. */
async function previewCss(): Promise<string> {
  const site = await readFile('src/styles/global.css', 'utf8');
  const extra = await readFile(join(OWN, 'preview.css'), 'utf8');
  return `${site}\n${extra}`;
}

/** The files of /admin we write ourselves; production adds the Identity widget and the site's address. */
function generatedFiles(production: boolean): Record<string, () => string | Promise<string>> {
  const backend = cmsBackendFromEnv();
  return {
    'index.html': () => adminPage({ identity: production && backend.identityWidget }),
    'config.yml': () => cmsConfigYaml(production ? { siteUrl: process.env.URL, backend } : { backend }),
    'cms-setup.js': setupScript,
    'preview.css': previewCss,
  };
}

export function adminIntegration(): AstroIntegration {
  return {
    name: 'decap-admin',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '').split('?')[0] ?? '';
          if (path === '/admin') {
            res.writeHead(301, { Location: '/admin/' }).end();
            return;
          }
          if (!path.startsWith('/admin/')) return next();
          const name = path.slice('/admin/'.length);
          try {
            const file = name || 'index.html';
            const make = generatedFiles(false)[file];
            if (make) {
              res
                .writeHead(200, {
                  'Content-Type': contentTypeFor(file),
                  'Cache-Control': 'no-store',
                  'Content-Security-Policy': adminCsp({ localBackend: true }),
                })
                .end(await make());
              return;
            }
            if (decapFile(name)) {
              res.writeHead(200, { 'Content-Type': contentTypeFor(name) });
              createReadStream(join(DECAP_DIST, name))
                .on('error', () => res.end())
                .pipe(res);
              return;
            }
          } catch (e) {
            return next(e);
          }
          next();
        });
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(new URL('admin/', dir));
        await mkdir(out, { recursive: true });
        const decap = (await readdir(DECAP_DIST)).filter(decapFile);
        await Promise.all(decap.map((f) => copyFile(join(DECAP_DIST, f), join(out, f))));
        await copyFile(IDENTITY_WIDGET, join(out, 'netlify-identity-widget.js'));
        for (const [file, make] of Object.entries(generatedFiles(true))) await writeFile(join(out, file), await make());
      },
    },
  };
}
