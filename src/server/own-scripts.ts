import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { build } from 'esbuild';
import type { Plugin } from 'vite';

import { jsonInHtml } from '../shared/html';

// The site's own browser scripts (src/scripts/*.ts). Each ships as a file named by its content
// (/_own/<name>.<hash>.js, allowed by 'self'), and the page carries only a one-line inline loader,
// allowed by its SHA-256 in the Content-Security-Policy, that fetches the file once the page has
// painted. The scripts only enhance pages that work without them; on a weak connection their bytes
// must not hold up the first screen: 2G delivers about 9 KB per round trip (250 kbps × 300 ms), and
// the form page fits one only without its script. The list of allowed hashes is built from these files,
// never from whatever the built pages contain: a component emits
// `<script is:inline type="module" set:html={loader}>` with `loader` from `virtual:own-script/<name>`,
// and the build refuses any other inline script (src/server/headers-integration.ts).

const OWN_SCRIPTS = ['register-form', 'search'] as const;
type OwnScript = (typeof OWN_SCRIPTS)[number];

const bundles = new Map<OwnScript, Promise<string>>();

/** The script as it ships: bundled and minified once per build. */
function bundleOwnScript(name: OwnScript): Promise<string> {
  let code = bundles.get(name);
  if (!code) {
    code = build({
      entryPoints: [`src/scripts/${name}.ts`],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0]!.text.trim());
    bundles.set(name, code);
  }
  return code;
}

const OWN_DIR = '_own';

/** The script's published file: its address (named by its content) and its code. */
async function ownScriptFile(name: OwnScript): Promise<{ path: string; code: string }> {
  const code = await bundleOwnScript(name);
  return { path: `/${OWN_DIR}/${name}.${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`, code };
}

/**
 * The inline loader (a module: it runs once the page is parsed) fetches the file once the first
 * contentful paint is on the screen, so the first screen never waits for it (a browser without modules or
 * JavaScript keeps the plain page). It waits for the paint's own entry, which exists only once the frame
 * has been presented: "after the load event and one frame" was not enough — on a busy phone, or a loaded
 * machine running Lighthouse, the pixels come later, and a file fetched before them is counted as needed
 * for the first paint (the form's 2G LCP went from 1.4 s to 1.8 s in such runs, with the same largest
 * element: the lead paragraph). A browser without paint timing fetches at once; a tab opened in the
 * background paints, and so fetches, when first shown. Every form page carries it: keep it short.
 */
async function ownScriptLoader(name: OwnScript): Promise<string> {
  const { path } = await ownScriptFile(name);
  return (
    `const f=()=>performance.getEntriesByName("first-contentful-paint")[0]||!PerformanceObserver.supportedEntryTypes?.includes("paint"),` +
    `g=()=>import(${jsonInHtml(path)});f()?g():new PerformanceObserver((l,o)=>f()&&(o.disconnect(),g())).observe({type:"paint"});`
  );
}

/** Writes every script's file into the built site (astro:build:done). */
export async function writeOwnScriptFiles(root: string): Promise<void> {
  await mkdir(join(root, OWN_DIR), { recursive: true });
  for (const name of OWN_SCRIPTS) {
    const { path, code } = await ownScriptFile(name);
    await writeFile(join(root, path), code);
  }
}

export const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The CSP sources of every own script's inline loader. */
export async function ownScriptHashes(): Promise<string[]> {
  return Promise.all(OWN_SCRIPTS.map(async (name) => sha256Source(await ownScriptLoader(name))));
}

const PREFIX = 'virtual:own-script/';

/** `import loader from 'virtual:own-script/register-form'`: the inline loader as a string. */
export function ownScriptsPlugin(): Plugin {
  return {
    name: 'own-scripts',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
    async load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const name = id.slice(PREFIX.length + 1) as OwnScript;
      if (!OWN_SCRIPTS.includes(name)) throw new Error(`Unknown own script ${name}: add it to OWN_SCRIPTS`);
      this.addWatchFile(`src/scripts/${name}.ts`);
      bundles.delete(name);
      return `export default ${JSON.stringify(await ownScriptLoader(name))};`;
    },
    // `astro dev` (npm start) serves the files the loaders ask for.
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!req.url?.startsWith(`/${OWN_DIR}/`)) return next();
        for (const name of OWN_SCRIPTS) {
          const file = await ownScriptFile(name);
          if (req.url.split('?')[0] !== file.path) continue;
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          res.end(file.code);
          return;
        }
        next();
      });
    },
  };
}
