import { describe, expect, it } from 'vitest';

import { normalizeReference, readStatusInput } from '../../../src/status/input';

describe('normalizeReference', () => {
  it.each([
    ['as printed', 'SRG-7K4QPX', 'SRG-7K4QPX'],
    ['lower case with a space', 'srg 7k4qpx', 'SRG-7K4QPX'],
    ['the code alone', '7K4QPX', 'SRG-7K4QPX'],
    ['spaces around', ' SRG-7K4QPX ', 'SRG-7K4QPX'],
    ['too short: as typed, then refused', 'SRG-7K4', 'SRG-7K4'],
  ])('%s', (_why, raw, expected) => {
    expect(normalizeReference(raw)).toBe(expected);
  });
});

describe('readStatusInput', () => {
  const date = { 'birthDate-day': '14', 'birthDate-month': '3', 'birthDate-year': '2000' };
  it.each([
    ['a reference and a date', { reference: 'srg-7k4qpx', ...date }, { ok: true, reference: 'SRG-7K4QPX', birthDate: '2000-03-14' }],
    ['no reference', { ...date }, { ok: false, errors: { reference: 'status.error.reference.required' } }],
    [
      'a reference with O (never issued: 0/O are not used)',
      { reference: 'SRG-7K4QPO', ...date },
      { ok: false, errors: { reference: 'status.error.reference.invalid' } },
    ],
    ['no date', { reference: 'SRG-7K4QPX' }, { ok: false, errors: { birthDate: 'reg.error.birthDate.required' } }],
    [
      '30 February',
      { reference: 'SRG-7K4QPX', 'birthDate-day': '30', 'birthDate-month': '2', 'birthDate-year': '2000' },
      { ok: false, errors: { birthDate: 'reg.error.birthDate.invalid' } },
    ],
  ])('%s', (_why, raw, expected) => {
    expect(readStatusInput(raw)).toEqual(expected);
  });
});
