import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

// The site's own browser scripts (src/scripts/*.ts) travel inline with their pages (no second round
// trip on a weak connection), each allowed by its SHA-256 in the Content-Security-Policy. The list of
// allowed hashes is built from these files, never from whatever the built pages contain: a component
// emits `<script is:inline type="module" set:html={code}>` with `code` from `virtual:own-script/<name>`,
// and the build refuses any other inline script (src/server/headers-integration.ts).

const OWN_SCRIPTS = ['register-form', 'search'] as const;
type OwnScript = (typeof OWN_SCRIPTS)[number];

const bundles = new Map<OwnScript, Promise<string>>();

/** The script as it ships: bundled and minified once per build. */
function bundleOwnScript(name: OwnScript): Promise<string> {
  let code = bundles.get(name);
  if (!code) {
    code = build({ entryPoints: [`src/scripts/${name}.ts`], bundle: true, minify: true, format: 'esm', target: 'es2020', write: false, logLevel: 'silent' }).then((r) =>
      r.outputFiles[0]!.text.trim(),
    );
    bundles.set(name, code);
  }
  return code;
}

export const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The CSP sources of every own script. */
export async function ownScriptHashes(): Promise<string[]> {
  return Promise.all(OWN_SCRIPTS.map(async (name) => sha256Source(await bundleOwnScript(name))));
}

const PREFIX = 'virtual:own-script/';

/** `import code from 'virtual:own-script/register-form'`: the bundled script as a string. */
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
      return `export default ${JSON.stringify(await bundleOwnScript(name))};`;
    },
  };
}
