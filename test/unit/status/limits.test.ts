import { describe, expect, it } from 'vitest';

import { LIMITS } from '../../../src/status/limits';

describe('the limits, in numbers', () => {
  // The README's guessing arithmetic holds only while the limit does: raising it must change the text too.
  it('a known reference allows at most about 120 tries a year: under 1 % of the birth dates of people aged 18 to 58', () => {
    const triesPerYear = (LIMITS.failuresPerReference / 2) * 12 * 2;
    const birthDates = 40 * 365;
    expect(triesPerYear).toBeLessThanOrEqual(120);
    expect(triesPerYear / birthDates).toBeLessThan(0.01);
  });
});
