import { describe, expect, it } from 'vitest';

import { nikMatchesBirthDate, parseNik } from '../../../src/registration/nik';

describe('NIK', () => {
  it.each([
    // [why, input, expected]
    ['a Kota Serang NIK (36.73) of a man born 14-03-1999', '3673011403999001', 'ok'],
    ['a Kabupaten Serang NIK (36.04): the region is never a reason to refuse', '3604021403999001', 'ok'],
    ['a NIK from Papua Pegunungan (95), a province created in 2022', '9501011403999001', 'ok'],
    ['a woman: day of birth plus 40', '3673015403999001', 'ok'],
    ['spaces and dots copied from the KTP', '3673 01.1403 999001', 'ok'],
    ['15 digits', '367301140399900', 'length'],
    ['17 digits', '36730114039990011', 'length'],
    ['letters', '36730114O3999001', 'invalid'],
    ['province 00 does not exist', '0073011403999001', 'invalid'],
    ['province 37 does not exist', '3773011403999001', 'invalid'],
    ['regency 00', '3600011403999001', 'invalid'],
    ['district 00', '3673001403999001', 'invalid'],
    ['day 32', '3673013203999001', 'invalid'],
    ['day 00', '3673010003999001', 'invalid'],
    ['a woman with day 72 (32 + 40)', '3673017203999001', 'invalid'],
    ['month 13', '3673011413999001', 'invalid'],
    ['31 April', '3673013104999001', 'invalid'],
    ['serial 0000', '3673011403990000', 'invalid'],
  ])('%s', (_why, input, expected) => {
    const result = parseNik(input);
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it('reads the birth date and sex from the NIK', () => {
    const r = parseNik('3673015403999001');
    expect(r.ok && r.parts).toMatchObject({ birthDay: 14, birthMonth: 3, birthYear2: 99, female: true });
  });

  it.each([
    ['the same date', '3673011403999001', '1999-03-14', true],
    ['a woman, same date', '3673015403999001', '1999-03-14', true],
    ['another day', '3673011403999001', '1999-03-15', false],
    ['another century is not detectable, same two digits', '3673011403999001', '1899-03-14', true],
    ['another year', '3673011403999001', '1998-03-14', false],
  ])('matches the entered birth date: %s', (_why, nik, date, expected) => {
    const r = parseNik(nik);
    expect(r.ok && nikMatchesBirthDate(r.parts, date)).toBe(expected);
  });
});
