import { describe, expect, it } from 'vitest';

import { hasAge } from '../../../src/registration/validate';

describe('age', () => {
  it.each([
    ['18 today', '2008-11-27', '2026-11-27', true],
    ['18 tomorrow', '2008-11-28', '2026-11-27', false],
    ['born 29 Feb, on 28 Feb of a common year: not yet', '2008-02-29', '2026-02-28', false],
    ['born 29 Feb, on 1 Mar of a common year', '2008-02-29', '2026-03-01', true],
  ])('%s', (_why, birth, today, expected) => {
    expect(hasAge(birth, today, 18)).toBe(expected);
  });
});
