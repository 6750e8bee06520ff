import { esc } from '../shared/html';

// The pages the functions answer with (receipt, self-check result, registration errors) are built by
// Astro like every other page, with these markers where the answer goes; the build hands them to the
// functions (src/site-data), so a function never fetches its own site. Each page has its own title,
// breadcrumb and language switch.

export const SHELL_SLOTS = {
  /** Before the page's own title in <title>, e.g. "Kesalahan: " or the reference number. */
  titlePrefix: '%%title-prefix%%',
  /** The other language's version of this answer (the receipt keeps its reference, the result its answers). */
  languageSwitch: '%%language-switch%%',
  content: '<!--function-content-->',
} as const;

export interface PageFill {
  content: string;
  languageSwitch: string;
  titlePrefix?: string;
}

export function fillShell(shell: string, fill: PageFill): string {
  // Split and join rather than String.replace: the content may hold "$&" and similar patterns.
  const put = (html: string, slot: string, value: string) => html.split(slot).join(value);
  let html = put(shell, SHELL_SLOTS.content, fill.content);
  html = put(html, SHELL_SLOTS.titlePrefix, esc(fill.titlePrefix ?? ''));
  return put(html, SHELL_SLOTS.languageSwitch, esc(fill.languageSwitch));
}
