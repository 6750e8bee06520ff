import { describe, expect, it } from 'vitest';

import { foreignScripts } from '../../../src/server/headers-integration';
import { sha256Source } from '../../../src/server/own-scripts';
import { headersFile, inlineHashes, metaCsp, policy } from '../../../src/server/security-headers';

describe('inlineHashes', () => {
  it('hashes inline styles and scripts, not external scripts or JSON-LD', () => {
    const html =
      '<style>a{}</style><script>one()</script><script src="/x.js"></script><script type="application/ld+json">{}</script><script type="module">two()</script>';
    const found = inlineHashes(html);
    expect(found.styles).toEqual([sha256Source('a{}')]);
    expect(found.scripts.sort()).toEqual([sha256Source('one()'), sha256Source('two()')].sort());
  });
});

describe('foreignScripts', () => {
  it('names every inline script that is not an allowed one', () => {
    const allowed = new Set([sha256Source('own()')]);
    expect(foreignScripts('<script>own()</script>', allowed)).toEqual([]);
    expect(foreignScripts('<script>own()</script><script>alert(document.cookie)</script>', allowed)).toEqual(['alert(document.cookie)']);
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
