import { describe, expect, it } from 'vitest';

import { sha256Source } from '../../../src/server/own-scripts';
import { foreignCode } from '../../../src/server/page-code';
import { headersFile, inlineHashes, metaCsp, policy } from '../../../src/server/security-headers';

describe('inlineHashes', () => {
  it('hashes inline styles and scripts, not external scripts or JSON-LD', () => {
    const html =
      '<style>a{}</style><script>one()</script><script src="/x.js"></script><script type="application/ld+json">{}</script><script type="module">two()</script>';
    const found = inlineHashes(html);
    expect(found.styles).toEqual([sha256Source('a{}')]);
    expect(found.scripts.sort()).toEqual([sha256Source('one()'), sha256Source('two()')].sort());
  });

  it('reads tags as a browser does: not inside attribute values, comments or another element’s text', () => {
    const html =
      '<meta name="description" content="x <style>evil{}</style> <script>evil()</script>">' +
      "<p title='<style>evil{}</style>'>t</p><!-- <style>evil{}</style> -->" +
      '<script type="module">own("<style>")</script><STYLE>b{}</STYLE>';
    const found = inlineHashes(html);
    expect(found.styles).toEqual([sha256Source('b{}')]);
    expect(found.scripts).toEqual([sha256Source('own("<style>")')]);
  });
});

describe('foreignCode', () => {
  const own = { scripts: new Set([sha256Source('own()')]), styles: new Set([sha256Source('a{}')]) };
  const page = (body: string) => `<!doctype html><html><head><style>a{}</style></head><body>${body}<script>own()</script></body></html>`;

  it('accepts the site’s own code, scripts from this site and escaped structured data', () => {
    const ok = page('<script src="/pagefind/x.js"></script><script type="application/ld+json">{"a":"\\u003c/script\\u003e"}</script>');
    expect(foreignCode(ok, own)).toEqual([]);
  });

  it.each([
    ['another inline script', '<script>alert(document.cookie)</script>', 'alert(document.cookie)'],
    ['in capitals', '<SCRIPT>alert(1)</SCRIPT>', 'alert(1)'],
    ['of another type', '<script type="text/x-anything">alert(1)</script>', 'alert(1)'],
    ['inside an svg', '<svg><script>alert(1)</script></svg>', 'alert(1)'],
    ['inside noscript', '<noscript><style>body{display:none}</style></noscript>', 'body{display:none}'],
    ['a stylesheet', '<Style media="all">body{display:none}</Style>', 'body{display:none}'],
    ['JSON-LD that is not escaped', '<script type="application/ld+json">{"a":"<b>"}</script>', 'not escaped JSON'],
    ['JSON-LD that is not JSON', '<script type="application/ld+json">alert(1)</script>', 'not escaped JSON'],
    ['a script from elsewhere', '<script src="//evil.example/x.js"></script>', 'evil.example'],
    ['a refresh', '<meta http-equiv="Refresh" content="0;url=https://evil.example">', 'refresh'],
    ['an event handler', '<img src="x" OnError="alert(1)">', 'onerror'],
    ['a style attribute', '<p style="display:none">x</p>', 'style='],
    ['a javascript: address', '<a href=" java&#x09;script:alert(1)">x</a>', 'href='],
    ['a frame', '<iframe src="https://evil.example"></iframe>', '<iframe>'],
    ['a base', '<base href="https://evil.example/">', '<base>'],
  ])('refuses %s', (_why, markup, named) => {
    const found = foreignCode(page(markup), own);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n').toLowerCase()).toContain(named.toLowerCase());
  });

  it('refuses what a function’s policy would hash even where no parser sees an element', () => {
    // A browser reads "<![CDATA[" in HTML as a bogus comment up to the first ">"; the quick run-time
    // reading of the page (inlineHashes) sees a stylesheet there and would allow its hash.
    const found = foreignCode(page('<![CDATA[<style>evil{}</style>]]>'), own);
    expect(found.join('\n')).toContain('policy would allow');
  });
});

describe('policies', () => {
  it('never unsafe-inline; WebAssembly only when asked; the meta policy has no frame-ancestors', () => {
    expect(policy({ scripts: ["'sha256-x'"] })).toContain("script-src 'self' 'sha256-x';");
    expect(policy()).not.toContain('unsafe-inline');
    expect(policy()).not.toContain('wasm-unsafe-eval');
    expect(policy({ wasm: true })).toContain("'wasm-unsafe-eval'");
    expect(metaCsp()).not.toContain('frame-ancestors');
  });

  it('_headers gives each path one policy: search pages theirs, /admin its own', () => {
    const file = headersFile(['index.html', 'daftar', 'cari', 'admin', 'en/search'], "default-src 'self' 'unsafe-eval'", [
      '/cari/',
      '/en/search/',
    ]);
    const blocks = file.split('\n').reduce<Record<string, string[]>>((acc, line) => {
      if (!line.startsWith(' ') && line) acc[line] = [];
      else if (line) acc[Object.keys(acc).at(-1)!]!.push(line.trim());
      return acc;
    }, {});
    for (const [path, headers] of Object.entries(blocks))
      expect(headers.filter((h) => h.startsWith('Content-Security-Policy')).length, path).toBeLessThanOrEqual(1);
    expect(blocks['/cari']!.join()).toContain('wasm-unsafe-eval');
    expect(blocks['/daftar']!.join()).not.toContain('wasm-unsafe-eval');
    expect(blocks['/admin/*']!.join()).toContain('unsafe-eval');
    expect(blocks['/*']!.join()).not.toContain('Content-Security-Policy');
  });
});
