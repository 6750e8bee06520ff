// npm run bench (third part) — build time of the site as it is, and with 1,000 generated extra entries
// (500 announcements in each language), both in a throw-away copy so this checkout is untouched.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import { copyProject } from './project-copy';

const run = promisify(execFile);
const EXTRA = 1000;

async function timedBuild(dir: string): Promise<number> {
  const t0 = performance.now();
  await run('npm', ['run', '--silent', 'build'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  return (performance.now() - t0) / 1000;
}

const dir = await copyProject('bench-build-');
try {
  const base = await timedBuild(dir);
  for (let i = 0; i < EXTRA; i++) {
    const lang = i % 2 ? 'en' : 'id';
    const folder = join(dir, 'content/announcements', lang);
    await mkdir(folder, { recursive: true });
    const day = String((i % 28) + 1).padStart(2, '0');
    await writeFile(
      join(folder, `bench-${Math.floor(i / 2)}.md`),
      `---\ntitle: Pengumuman uji ${i}\ndate: 2026-01-${day}\nsummary: Entri buatan untuk mengukur waktu build.\n---\n\nIsi entri uji nomor ${i}, dengan **tebal** dan [tautan](/).\n`,
    );
  }
  const extra = await timedBuild(dir);
  console.log(`\nBuild (npm run build: content check, Astro, Pagefind, /admin), 2 cores:`);
  console.log(`| site as it is | ${base.toFixed(1)} s |`);
  console.log(`| site + ${EXTRA} entries | ${extra.toFixed(1)} s |`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
