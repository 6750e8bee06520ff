// Where a link in content may point: the web (http, https), an email or a phone number, or a page of
// this site. Anything else — javascript:, data:, vbscript:, file: — could run code or fake a page in a
// citizen's browser, so it is never a link, whoever typed it.

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Whether `url` (as a browser would read it, entities already decoded) is a safe link target.
 * Browsers drop tabs and newlines inside a URL and ignore leading spaces and control characters, so
 * "java\tscript:" is still javascript: — those are removed before the scheme is read.
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = SCHEME.exec(cleaned)?.[1];
  if (scheme) return ALLOWED_SCHEMES.has(scheme.toLowerCase());
  // No scheme: a path of this site. "//host" (and "\\host", which browsers read the same) is another site.
  return !/^[/\\]{2}/.test(cleaned);
}

/** For schema URL fields: only web addresses. */
export const WEB_PROTOCOL = /^https?$/;
