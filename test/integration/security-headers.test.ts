import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistrationEnv } from '../support/registration-env';
import { person } from '../support/people';

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000 });
});
afterAll(() => env?.close());

const required = {
  'content-security-policy': /script-src 'self'(;|$)/,
  'strict-transport-security': /max-age=\d{8}/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /strict-origin/,
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

  it('JSON answers of the function carry them too', async () => {
    const res = await fetch(`${env.site.url}/api/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(person()) });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
