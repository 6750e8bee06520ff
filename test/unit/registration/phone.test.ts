import { describe, expect, it } from 'vitest';

import { normalizeMobile } from '../../../src/registration/phone';

describe('mobile numbers', () => {
  it.each([
    ['08… as people write it', '0812 3456 7890', '+6281234567890'],
    ['628…', '6281234567890', '+6281234567890'],
    ['+62 8… with dashes', '+62 812-3456-7890', '+6281234567890'],
    ['brackets and dots', '(0857) 1234.5678', '+6285712345678'],
    ['shortest: 10 digits with the 0', '0812345678', '+62812345678'],
    ['longest: 13 digits with the 0', '0812345678901', '+62812345678901'],
    ['too short', '081234567', undefined],
    ['too long', '08123456789012', undefined],
    ['operator digit 4 does not exist', '0842 3456 7890', undefined],
    ['a Serang landline (0254)', '0254 123456', undefined],
    ['a foreign number', '+60 12 345 6789', undefined],
    ['letters', '0812 abcd 7890', undefined],
  ])('%s', (_why, input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });
});
