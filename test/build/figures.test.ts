import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, glob, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sectionPath } from '../../src/content/paths';
import { locales } from '../../src/i18n';
import type { SiteData } from '../../src/site-data/types';
import { copyProject } from '../../tools/project-copy';
import { fixtureProject } from '../support/fixture-site';

// Staff decide (settings → figures.publish): published, the page is built in both languages, in the
// sitemap, in every page's menu and on the home page, and its function has its shell; not published,
// none of that exists. The fixture site publishes it; a copy of it with the setting off is built here.

const run = promisify(execFile);
const paths = locales.map((lang) => sectionPath(lang, 'figures'));

async function site(project: string) {
  const dist = join(project, 'dist');
  const pages: Record<string, string> = {};
  for await (const f of glob('**/*.html', { cwd: dist, exclude: ['admin/**', 'pagefind/**'] }))
    pages[f] = await readFile(join(dist, f), 'utf8');
  return {
    dist,
    pages,
    sitemap: await readFile(join(dist, 'sitemap-0.xml'), 'utf8'),
    data: JSON.parse(await readFile(join(project, 'src/site-data/generated.json'), 'utf8')) as SiteData,
  };
}
const linksTo = (html: string, path: string) => html.includes(`href="${path}"`);

describe('published (the fixture site)', () => {
  let built: Awaited<ReturnType<typeof site>>;
  beforeAll(async () => {
    built = await site(fixtureProject());
  });

  it('is built in both languages and listed in the sitemap', () => {
    for (const path of paths) {
      expect(existsSync(join(built.dist, path, 'index.html')), path).toBe(true);
      expect(built.sitemap, path).toContain(`${path}</loc>`);
    }
  });

  it('is in every page’s menu and on the home pages', () => {
    const menus = Object.entries(built.pages).filter(([, html]) => html.includes('class="nav__menu"'));
    expect(menus.length).toBeGreaterThan(20);
    for (const [file, html] of menus) expect(linksTo(html, file.startsWith('en/') ? paths[1]! : paths[0]!), file).toBe(true);
    expect(built.pages['index.html']!.match(/href="\/angka\/"/g)!.length).toBeGreaterThan(1);
  });

  it('hands its function the page as shell, with its own address, and no shell in the published site', () => {
    for (const [i, lang] of locales.entries()) {
      const shell = built.data.shells.figures![lang];
      expect(shell).toContain('<!--figures-->');
      expect(shell).toMatch(new RegExp(`<link rel="canonical" href="[^"]*${paths[i]}"`));
    }
    expect(existsSync(join(built.dist, 'site-data'))).toBe(false);
    expect(built.data.notFound).toContain('<h1>');
  });
});

describe('not published', () => {
  let project: string;
  let built: Awaited<ReturnType<typeof site>>;
  beforeAll(async () => {
    project = await copyProject('figures-off-');
    await rm(join(project, 'content'), { recursive: true, force: true });
    await cp('test/fixtures/content', join(project, 'content'), { recursive: true });
    const settings = join(project, 'content/settings/site.yaml');
    const yaml = await readFile(settings, 'utf8');
    expect(yaml).toMatch(/\nfigures:\n {2}publish: true\n/);
    await writeFile(settings, yaml.replace(/\nfigures:\n {2}publish: true\n/, '\nfigures:\n  publish: false\n'));
    await run(join(process.cwd(), 'node_modules/.bin/astro'), ['build', '--silent'], {
      cwd: project,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    built = await site(project);
  }, 300_000);
  afterAll(() => project && rm(project, { recursive: true, force: true }));

  it('is not built, not in the sitemap, and its function has no shell', () => {
    for (const path of paths) {
      expect(existsSync(join(built.dist, path)), path).toBe(false);
      expect(built.sitemap, path).not.toContain(path);
    }
    expect(built.data.shells.figures).toBeUndefined();
    expect(built.data.notFound).toContain('<h1>');
  });

  it('is linked from nowhere', () => {
    for (const [file, html] of Object.entries(built.pages))
      for (const path of paths) expect(linksTo(html, path), `${file} → ${path}`).toBe(false);
  });
});
