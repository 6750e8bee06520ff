import en from './en.json';
import id from './id.json';

// A `{name}` that reaches a page is a substitution someone forgot: the notice once read "dihapus {months}
// bulan" because only the first of two occurrences was replaced. The build refuses any such page
// (placeholder-integration.ts), naming the page, the placeholder and the interface string it came from.
// A leftover is told by its surroundings: the words around it are an interface string's words around that
// placeholder. Braces that staff type in content ("{nama}") match no string's words: they are text, and
// render as typed (test/integration/content-markup.test.ts types them into every field).

const PLACEHOLDER = /\{(\w+)\}/g;
const templates = [...Object.entries(id), ...Object.entries(en)];

/** What a reader meets: the page without scripts and style sheets (braces in JSON-LD and CSS are code). */
function readable(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' })[e] ?? "'");
}

/** How many characters two texts share at their end (`fromEnd`) or at their start. */
function shared(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/** How closely the words around each `{name}` of `template` match the page's: the best occurrence. */
function fit(template: string, name: string, pageBefore: string, pageAfter: string): number {
  return Math.max(
    ...[...template.matchAll(PLACEHOLDER)]
      .filter((m) => m[1] === name)
      .map((m) => {
        const before = template.slice(0, m.index).split('}').pop()!;
        const after = template.slice(m.index + m[0].length).split('{')[0]!;
        return shared(before, pageBefore, true) + shared(after, pageAfter, false);
      }),
  );
}

/** Characters of an interface string's own words around the placeholder that the page must show: fewer is chance. */
const MIN_FIT = 4;

/** The interface strings holding `{name}` whose words around it match the page's best; none: it came from content. */
function keysFor(name: string, pageBefore: string, pageAfter: string): string[] {
  const scored = templates
    .filter(([, text]) => text.includes(`{${name}}`))
    .map(([key, text]) => ({ key, score: fit(text, name, pageBefore, pageAfter) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  return [...new Set(scored.filter((s) => s.score === best && best >= MIN_FIT).map((s) => s.key))];
}

export interface Leftover {
  placeholder: string;
  /** A few words around it, as the page shows them. */
  excerpt: string;
  /** The interface strings it most likely came from (none: typed in content, which is text). */
  keys: string[];
}

export function leftoverPlaceholders(html: string): Leftover[] {
  const text = readable(html);
  return [...text.matchAll(PLACEHOLDER)].map((m) => {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    return {
      placeholder: m[0],
      excerpt: `…${before}${m[0]}${after}…`.replace(/\s+/g, ' '),
      keys: keysFor(m[1]!, before, after),
    };
  });
}

/** One line per placeholder an interface string left, by page: what the build prints before it fails. */
export function leftoverReport(pages: Record<string, string>): string[] {
  return Object.entries(pages).flatMap(([page, html]) =>
    leftoverPlaceholders(html)
      .filter((l) => l.keys.length)
      .map((l) => `${page}: ${l.placeholder} (interface string ${l.keys.join(', ')}) in "${l.excerpt}"`),
  );
}
