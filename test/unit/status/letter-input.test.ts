import { describe, expect, it } from 'vitest';

import { formatLetterCode, maskedReference, readLetterInput } from '../../../src/status/letter-verify';

describe('a letter code as people type it', () => {
  it.each([
    ['as printed', '7K4QP-XR2MA', { ok: true, code: '7K4QPXR2MA' }],
    ['lower case, spaces', ' 7k4qp xr2ma ', { ok: true, code: '7K4QPXR2MA' }],
    ['empty', '', { ok: false, error: 'letter.error.code.required', typed: '' }],
    ['too short', '7K4QP', { ok: false, error: 'letter.error.code.invalid', typed: '7K4QP' }],
    ['an O for a zero-free code', '7K4QP-XR2MO', { ok: false, error: 'letter.error.code.invalid', typed: '7K4QP-XR2MO' }],
    ['a 1 or an L', '7K4QP-XR21L', { ok: false, error: 'letter.error.code.invalid', typed: '7K4QP-XR21L' }],
  ])('%s', (_why, kode, expected) => {
    expect(readLetterInput({ kode })).toEqual(expected);
  });

  it('printed in two groups of five', () => {
    expect(formatLetterCode('7K4QPXR2MA')).toBe('7K4QP-XR2MA');
  });

  it('the reference is shown partly hidden', () => {
    expect(maskedReference('SRG-7K4QPX')).toBe('SRG-7K••PX');
  });
});
