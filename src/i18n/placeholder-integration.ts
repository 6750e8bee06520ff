import { glob, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { leftoverReport } from './leftover-placeholders';

// After the build: no page and no function page shell may show a `{name}` placeholder. The build fails
// naming each page, placeholder and interface string, rather than publish "dihapus {months} bulan".

/** Every built page (the CMS application aside) and the functions' page shells, by name. */
async function builtPages(root: string, shells: () => Promise<Record<string, string>>): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for await (const f of glob('**/*.html', { cwd: root, exclude: ['admin/**'] })) pages[f] = await readFile(join(root, f), 'utf8');
  for (const [name, html] of Object.entries(await shells())) pages[`(function page) ${name}`] = html;
  return pages;
}

/** The leftover placeholders of a built site, one line each; empty when there is none. */
export async function builtLeftovers(root: string, shells: () => Promise<Record<string, string>>): Promise<string[]> {
  return leftoverReport(await builtPages(root, shells));
}

export function placeholderIntegration(options: { shells: () => Promise<Record<string, string>> }): AstroIntegration {
  return {
    name: 'no-placeholders',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const found = await builtLeftovers(fileURLToPath(dir), options.shells);
        if (found.length) throw new Error(`A placeholder was left unfilled on ${found.length} place(s):\n${found.join('\n')}`);
      },
    },
  };
}
