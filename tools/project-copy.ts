import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SOURCES = ['package.json', 'tsconfig.json', 'astro.config.mjs', 'netlify.toml', 'src', 'content', 'public', 'netlify', 'tools'];

/**
 * A throw-away copy of the project that can be edited and built without touching this checkout.
 * node_modules is a folder of links to ours, minus the caches (.astro, .vite), so a build there
 * never shares a content or Vite cache with a build here.
 */
export async function copyProject(prefix = 'site-copy-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // public/ exists only once staff upload something (git keeps no empty folder).
  await Promise.all(SOURCES.filter((s) => existsSync(s)).map((s) => cp(s, join(dir, s), { recursive: true })));
  await mkdir(join(dir, 'node_modules'));
  const entries = (await readdir('node_modules')).filter((e) => !e.startsWith('.'));
  await Promise.all(entries.map((e) => symlink(resolve('node_modules', e), join(dir, 'node_modules', e))));
  await mkdir(join(dir, 'node_modules', '.bin'));
  for (const bin of await readdir('node_modules/.bin'))
    await symlink(resolve('node_modules/.bin', bin), join(dir, 'node_modules/.bin', bin));
  return dir;
}
