import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { fixtureProject } from '../support/fixture-site';

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());

const required = {
  // Our own inline code is allowed by hash only (the form's script, the stylesheet), never 'unsafe-inline'.
  'content-security-policy': /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*(;|$)/,
  'strict-transport-security': /max-age=\d{8}/,
  'x-content-type-options': /^nosniff$/,
  // The receipt's address holds the owner's token: it sends no Referer at all.
  'referrer-policy': /^(strict-origin-when-cross-origin|no-referrer)$/,
  'permissions-policy': /camera=\(\)/,
};

describe('security headers on every kind of page', () => {
  it.each([
    ['an information page', 'GET', '/tujuan/jepang/'],
    ['the form page', 'GET', '/daftar/'],
    ['the English home page', 'GET', '/en/'],
    ['the confirmation page (a function)', 'GET', '/daftar/terima-kasih/?ref=SRG-ABCDEF'],
    ['the form with errors (a function)', 'POST', '/api/register'],
  ])('%s', async (_why, method, path) => {
    const res = await fetch(env.site.url + path, {
      method,
      ...(method === 'POST' ? { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'fullName=x' } : {}),
    });
    for (const [name, pattern] of Object.entries(required)) expect(res.headers.get(name), name).toMatch(pattern);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('/admin has its own policy, is kept out of search engines, and no public page gets that policy', async () => {
    for (const path of ['/admin/', '/admin/config.yml', '/admin/decap-cms.js']) {
      const res = await fetch(env.site.url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      // One policy, not the public one joined to it (two policies would both apply).
      expect(csp.match(/default-src/g)?.length, path).toBe(1);
      expect(csp).toContain("'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age/);
    }
    const html = await (await fetch(`${env.site.url}/admin/`)).text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toMatch(/<title>[^<]*Pengelola Konten/);
    expect(html).not.toMatch(/<script>|https?:\/\/(?!localhost)[^"]*\.js/);
    for (const path of ['/', '/tujuan/jepang/', '/en/', '/daftar/']) {
      const csp = (await fetch(env.site.url + path)).headers.get('content-security-policy') ?? '';
      expect(csp.match(/default-src/g)?.length, path).toBe(1);
      expect(csp, path).not.toContain("'unsafe-eval'");
    }
  });

  it('WebAssembly may be compiled only where Pagefind runs: the search pages', async () => {
    for (const path of ['/cari/', '/en/search/', '/pagefind/pagefind.js']) {
      const csp = (await fetch(env.site.url + path)).headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[^']+')* 'wasm-unsafe-eval'/);
      expect(csp.match(/default-src/g)?.length, path).toBe(1);
    }
    for (const path of ['/', '/en/', '/en', '/tujuan/', '/en/destinations/jepang/', '/privasi/', '/daftar/']) {
      const res = await fetch(env.site.url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
      expect(csp, path).not.toContain('wasm-unsafe-eval');
      expect(csp.match(/default-src/g)?.length, path).toBe(1);
    }
  });

  it('allows exactly the inline code the built pages carry, by hash', async () => {
    const { inlineHashes } = await import('../../src/server/security-headers');
    for (const path of ['/', '/daftar/', '/cari/']) {
      const res = await fetch(env.site.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const { styles, scripts } = inlineHashes(await res.text());
      expect(styles.length, path).toBeGreaterThan(0);
      for (const h of styles) expect(csp, path).toContain(h);
      for (const h of scripts) expect(csp, path).toContain(h);
    }
  });

  it('the 404 page, served at any missing address, carries its own policy', async () => {
    const res = await fetch(`${env.site.url}/tidak-ada/halaman`);
    expect(res.status).toBe(404);
    // No header rule matches a missing address except "/*" (framing, HSTS…): the page brings the policy.
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("default-src 'self'");
    expect(meta).toMatch(/script-src 'self';/);
    expect(meta).toContain("object-src 'none'");
    // Before anything the policy must govern.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.search(/<link |<script /));
  });

  it('the built /admin policy lets the page reach only its own origin, never localhost', async () => {
    const csp = (await fetch(`${env.site.url}/admin/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('JSON answers of the function carry them too', async () => {
    const res = await fetch(`${env.site.url}/api/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person()),
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
