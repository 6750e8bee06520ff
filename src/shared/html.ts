// Markup written as strings (the registration form and the pages the functions answer with) escapes
// every value through here.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** Attributes from an object: `true` writes a bare attribute, `false` and `undefined` leave it out. */
export const attrs = (a: Record<string, string | number | boolean | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(String(v))}"`))
    .join('');

// In HTML, a <script> ends at the first "</script" whatever JSON thinks a string is, and "<!--" changes
// how the parser reads the rest; U+2028 and U+2029 end a line in older JavaScript. JSON escapes none of
// them, so every JSON put into a page is written through here: these characters become \u escapes,
// which any JSON reader turns back into the same text.
const jsonEscapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** `value` as JSON that is safe inside a <script> element (structured data, a loader's address). */
export const jsonInHtml = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => jsonEscapes[c]!);
