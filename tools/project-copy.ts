import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SOURCES = ['package.json', 'tsconfig.json', 'astro.config.mjs', 'netlify.toml', 'src', 'content', 'public', 'netlify', 'tools'];
/** What a whole copy leaves behind: the repository itself, dependencies (linked instead) and what builds and runs make. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', '.astro', '.netlify', '.data', 'test-results', '.env']);

/**
 * A throw-away copy of the project that can be edited and built without touching this checkout.
 * node_modules is a folder of links to ours, minus the caches (.astro, .vite), so a build there
 * never shares a content or Vite cache with a build here. `whole`: everything of the checkout (tests,
 * configs, docs) but the repository and what builds make, for running the suite in the copy.
 */
export async function copyProject(prefix = 'site-copy-', opts: { whole?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const sources = opts.whole ? (await readdir('.')).filter((e) => !NOT_COPIED.has(e)) : SOURCES.filter((s) => existsSync(s));
  // public/ exists only once staff upload something (git keeps no empty folder).
  await Promise.all(sources.map((s) => cp(s, join(dir, s), { recursive: true })));
  await mkdir(join(dir, 'node_modules'));
  const entries = (await readdir('node_modules')).filter((e) => !e.startsWith('.'));
  await Promise.all(entries.map((e) => symlink(resolve('node_modules', e), join(dir, 'node_modules', e))));
  await mkdir(join(dir, 'node_modules', '.bin'));
  for (const bin of await readdir('node_modules/.bin'))
    await symlink(resolve('node_modules/.bin', bin), join(dir, 'node_modules/.bin', bin));
  return dir;
}
