import { describe, expect, it } from 'vitest';

import { json, page, plain, seeOther } from '../../../src/server/respond';

describe('answers', () => {
  it.each([
    ['JSON', () => json(422, { a: 1 }), 'application/json; charset=utf-8'],
    ['plain text', () => plain(503, 'id', 'reg.error.unavailable'), 'text/plain; charset=utf-8'],
    [
      'a page',
      () =>
        page('<html><head><style>p{}</style></head><body><!--content--></body></html>', 200, {
          content: '<p>x</p>',
          languageSwitch: '/en/',
        }),
      'text/html; charset=utf-8',
    ],
  ])('%s: no-store, security headers, its type', (_why, make, type) => {
    const res = make();
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('a page allows its own inline stylesheet by hash', () => {
    const res = page('<html><head><style>p{}</style></head><body></body></html>', 200, { content: '', languageSwitch: '/en/' });
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
  });

  it('seeOther sends the person on without caching', () => {
    const res = seeOther('/daftar/terima-kasih/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/daftar/terima-kasih/');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
