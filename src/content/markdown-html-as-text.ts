// Markdown lets raw HTML through; staff typing "<b>" or "<Jepang>" in the CMS mean the characters,
// and a page must never carry markup nobody reviewed. So HTML in content bodies becomes plain text:
// it renders exactly as typed. A Sätteri mdast plugin (Astro 7's Markdown processor).

interface HtmlNode {
  type: 'html';
  value: string;
}

export const htmlAsText = {
  name: 'html-as-text',
  html: (node: Readonly<HtmlNode>) => ({ type: 'text' as const, value: node.value }),
};
