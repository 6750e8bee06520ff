import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Stylesheets only some pages need (src/styles/<name>.css): inlined into those pages alone by
// PageStyle.astro, so the others — the form's above all, which must fit one 2G round trip — carry none of
// them. Every page's route is one file ([...path].astro), so a component's <style> would ship everywhere.
// The policy allows them by hash like the stylesheets Vite compiles (own-styles.ts), computed here from
// their source with the same compaction the component applies.

const PAGE_STYLES = ['invitation', 'figures'] as const;
export type PageStyleName = (typeof PAGE_STYLES)[number];

/** Comments and spaces out: what a page carries inline. */
export function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};:,])\s*/g, '$1')
    .trim();
}

/** The inline stylesheets PageStyle.astro writes, read from the project's sources. */
export function pageStyleSheets(root: string): string[] {
  return PAGE_STYLES.map((name) => compactCss(readFileSync(join(root, 'src', 'styles', `${name}.css`), 'utf8')));
}
