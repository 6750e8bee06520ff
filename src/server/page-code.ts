import { type HTMLElement, parse } from 'node-html-parser';

import { sha256Source } from './own-scripts';
import { inlineHashes } from './security-headers';

// What a built page may hold that runs code, styles the page or sends the reader elsewhere: the site's
// own inline loaders (own-scripts.ts), its own compiled stylesheets (own-styles.ts), scripts served from
// this site, and structured data written as escaped JSON (jsonInHtml). Anything else — whatever its
// case or attributes, wherever in the page — is refused and the build fails (headers-integration.ts):
// it is content text that became markup, or code that was not added as the site's own.
//
// The page is parsed, not searched with a pattern: <SCRIPT>, <script type=x>, a script inside an
// <svg> or a <noscript> are all elements to the parser as they are to a browser. Style attributes and
// event handlers are refused too: the policy already blocks them (style-src and script-src allow
// hashes without 'unsafe-hashes', which attributes would need), the site writes none, so one found
// is an injection, and the build says where. A refresh <meta> is refused because no policy stops it.

export interface OwnCode {
  /** CSP sources of the site's own inline scripts. */
  scripts: Set<string>;
  /** CSP sources of the site's own inline stylesheets. */
  styles: Set<string>;
}

/** Elements the site never writes and content must never become. */
const NEVER = new Set(['base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal']);
/** Attributes that hold an address a browser may follow or load. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'ping']);
/** A path on this site: "/x", not "//host" or "/\host", which browsers read as another site. */
const SITE_PATH = /^\/(?![/\\])/;

const excerpt = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 80);
// Browsers drop ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
// eslint-disable-next-line no-control-regex
const runsScript = (url: string) => /^(javascript|vbscript):/i.test(url.replace(/[\u0000-\u0020\u007f]/g, ''));

function foreignScript(el: HTMLElement, own: OwnCode): string | undefined {
  const src = el.getAttribute('src');
  const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
  const body = el.rawText;
  if (src !== undefined) return SITE_PATH.test(src.trim()) && !body.trim() ? undefined : `<script src="${excerpt(src)}">${excerpt(body)}`;
  if (type === 'application/ld+json') {
    // Ours is written by jsonInHtml: valid JSON with no <, >, &, U+2028 or U+2029 left as they are.
    let json = true;
    try {
      JSON.parse(body);
    } catch {
      json = false;
    }
    return json && !/[<>&\u2028\u2029]/.test(body)
      ? undefined
      : `<script type="application/ld+json"> that is not escaped JSON: ${excerpt(body)}`;
  }
  return own.scripts.has(sha256Source(body)) ? undefined : `<script>${excerpt(body)}`;
}

/**
 * Everything in `html` that is not the site's own code, as short descriptions (empty: none). Also
 * checks what a function's policy would allow for this page (security-headers.ts `inlineHashes`, the
 * quick reading used at run time): only the site's own hashes.
 */
export function foreignCode(html: string, own: OwnCode): string[] {
  const found: string[] = [];
  // Only <script> and <style> hold raw text; everything else (<noscript>, <pre>, <textarea>) is read
  // as markup, so nothing hides there.
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true } });
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script') {
      const problem = foreignScript(el, own);
      if (problem) found.push(problem);
    } else if (tag === 'style' && !own.styles.has(sha256Source(el.rawText))) {
      found.push(`<style>${excerpt(el.rawText)}`);
    } else if (NEVER.has(tag)) {
      found.push(`<${tag}> element`);
    } else if (tag === 'meta' && el.hasAttribute('http-equiv')) {
      const equiv = el.getAttribute('http-equiv')!.trim().toLowerCase();
      if (equiv !== 'content-security-policy')
        found.push(`<meta http-equiv="${excerpt(equiv)}" content="${excerpt(el.getAttribute('content') ?? '')}">`);
    }
    for (const [name, value] of Object.entries(el.attributes)) {
      const attr = name.toLowerCase();
      if (attr === 'style' || attr === 'srcdoc' || attr.startsWith('on')) found.push(`<${tag} ${attr}="${excerpt(value)}">`);
      else if (URL_ATTRIBUTES.has(attr) && runsScript(value)) found.push(`<${tag} ${attr}="${excerpt(value)}">`);
    }
  }
  // What the parser already refused is not listed twice.
  const refused = new Set(root.querySelectorAll('script, style').map((el) => sha256Source(el.rawText)));
  const hashed = inlineHashes(html);
  for (const h of hashed.styles) {
    if (!own.styles.has(h) && !refused.has(h)) found.push(`inline stylesheet ${h} (a function's policy would allow it)`);
  }
  for (const h of hashed.scripts) {
    if (!own.scripts.has(h) && !refused.has(h))
      found.push(`inline script (a function's policy would allow it): ${excerpt(hashed.sources.get(h)!)}`);
  }
  return [...new Set(found)];
}
