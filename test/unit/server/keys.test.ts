import { describe, expect, it } from 'vitest';

import { derivedKey, KEY_PURPOSES } from '../../../src/server/keys';

const env = { NIK_INDEX_KEY: 'a-synthetic-secret-for-tests' };

describe('derived keys', () => {
  it('one key per purpose, all different, all 32 bytes, the same for the same secret', () => {
    const keys = KEY_PURPOSES.map((p) => derivedKey(p, env)!);
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(KEY_PURPOSES.length);
    for (const k of keys) expect(k.length).toBe(32);
    expect(derivedKey('client', env)!.equals(derivedKey('client', { ...env })!)).toBe(true);
    expect(derivedKey('client', { NIK_INDEX_KEY: 'another-synthetic-secret' })!.equals(derivedKey('client', env)!)).toBe(false);
  });

  it.each([
    ['unset', {}],
    ['empty', { NIK_INDEX_KEY: '' }],
    ['too short to be a secret', { NIK_INDEX_KEY: 'short' }],
  ])('no fallback when the secret is %s', (_why, e) => {
    for (const p of KEY_PURPOSES) expect(derivedKey(p, e)).toBeUndefined();
  });
});
