import { defineHastPlugin, markdownToHtml } from 'satteri';

import { isSafeUrl } from '../shared/safe-url';

// Links and images in content bodies may point only where isSafeUrl allows. A link to anywhere else
// renders as its text, an image as its alt text, so nothing a staff member types (or pastes from a
// message they were sent) can put a javascript: or data: address on an official page. The check sees
// the URL after Markdown resolved references and entities ("jav&#x61;script:" is javascript:).
// A Sätteri hast plugin (Astro 7's Markdown processor); check.ts uses the same one to name them.

interface Element {
  tagName: string;
  properties: Record<string, unknown>;
  children: unknown[];
}

const target = (node: Element) => String((node.tagName === 'a' ? node.properties.href : node.properties.src) ?? '');

function linkGuard(found?: string[]) {
  return defineHastPlugin({
    name: 'safe-links',
    element: {
      filter: ['a', 'img'],
      visit(node, ctx) {
        const el = node as unknown as Element;
        const url = target(el);
        if (isSafeUrl(url)) return;
        found?.push(url);
        ctx.replaceNode(node, el.tagName === 'a'
          ? { type: 'element', tagName: 'span', properties: {}, children: el.children as never }
          : { type: 'text', value: String(el.properties.alt ?? '') });
      },
    },
  });
}

export const safeLinks = linkGuard();

/** The unsafe link and image targets in a Markdown body, as the page would have read them. */
export function unsafeLinks(markdown: string): string[] {
  const found: string[] = [];
  markdownToHtml(markdown, { hastPlugins: [linkGuard(found)] });
  return found;
}
