import { glob, readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';

// Which folder may import which: pages and functions → capabilities → shared basics. A capability
// imports only what is listed for it; shipped code (src/, netlify/) never imports tools/ or test/.
// test/unit/tools/import-rules.test.ts runs this over the tree.

const basics = ['shared', 'i18n'];
export const allowedImports: Record<string, string[]> = {
  shared: [],
  i18n: ['shared'],
  content: [...basics],
  server: [...basics],
  registration: [...basics, 'content', 'server'],
  delivery: [...basics, 'registration', 'server'],
  cms: [...basics, 'content', 'server'],
  'site-data': [...basics, 'content', 'registration', 'server'],
  status: [...basics, 'content', 'registration', 'delivery', 'server'],
  figures: [...basics, 'content', 'registration', 'delivery', 'server'],
  // The browser's scripts run on the page: they import nothing of the server side.
  scripts: [],
};

/**
 * What one file alone may import (tests aside): the Airtable SDK and the budget belong to the client,
 * so nothing else can call Airtable outside the budget, the batches and the timeouts. The naive
 * scenario of tools/bench-register.ts uses the SDK on purpose: it measures what the client prevents.
 */
export const soleImporters: Record<string, string[]> = {
  airtable: ['src/delivery/airtable-sdk.ts', 'tools/bench-register.ts'],
  'src/delivery/airtable-sdk': ['src/delivery/airtable.ts'],
  'src/delivery/airtable-budget': ['src/delivery/airtable.ts'],
};

/** The unit of the rules a file belongs to: a src/ folder, "netlify", "tools", "test", or a top-level file. */
export function unitOf(path: string): string {
  const parts = normalize(path).split('/');
  // "src/i18n" (a folder's index) belongs to i18n; "src/content.config.ts" to no capability.
  if (parts[0] === 'src') return parts.length > 2 || !parts[1]!.includes('.') ? parts[1]! : 'src-root';
  return parts.length > 1 ? parts[0]! : 'root';
}

const SHIPPED = (unit: string) => !['tools', 'test', 'root'].includes(unit);

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** Relative import specifiers in a source file (static, side-effect and dynamic imports). */
export function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

/** Package imports (not relative): `airtable`, `node:fs`, `@netlify/blobs`. */
function packagesOf(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)].map((m) => m[1]!);
}

export function violations(files: { path: string; source: string }[]): Violation[] {
  const found: Violation[] = [];
  for (const { path, source } of files) {
    const from = unitOf(path);
    const targets = [...packagesOf(source), ...importsOf(source).map((spec) => normalize(join(dirname(path), spec)))];
    for (const target of targets) {
      const sole = soleImporters[target.replace(/\.(ts|js)$/, '')];
      if (sole && from !== 'test' && !sole.includes(normalize(path)))
        found.push({ file: path, imports: target, rule: `only ${sole.join(' and ')} may import ${target}` });
    }
    for (const spec of importsOf(source)) {
      const target = normalize(join(dirname(path), spec));
      const to = unitOf(target);
      if (to === from) continue;
      if (SHIPPED(from) && (to === 'tools' || to === 'test'))
        found.push({ file: path, imports: target, rule: `shipped code never imports ${to}/` });
      else if (from === 'tools' && to === 'test')
        found.push({ file: path, imports: target, rule: 'tools never import test/ (test/support is for tests only)' });
      else if (allowedImports[from] && !allowedImports[from]!.includes(to)) {
        found.push({ file: path, imports: target, rule: `${from} may import only ${allowedImports[from]!.join(', ') || 'itself'}` });
      }
    }
  }
  return found;
}

export async function projectSources(): Promise<{ path: string; source: string }[]> {
  const files: { path: string; source: string }[] = [];
  // Joined at run time: knip reads a literal glob() pattern as imports of every file it matches, and
  // would then find no unused file or export anywhere.
  const pattern = ['{src,netlify,tools,test}', '**', '*.{ts,astro,js,mjs}'].join('/');
  for await (const path of glob(pattern)) files.push({ path, source: await readFile(path, 'utf8') });
  for (const path of ['astro.config.mjs', 'vitest.config.ts']) files.push({ path, source: await readFile(path, 'utf8') });
  return files;
}
