import { describe, expect, it } from 'vitest';
import { parseNik, nikMatchesBirthDate } from '../../../src/lib/registration/nik';
import { normalizeMobile } from '../../../src/lib/registration/phone';
import { isReference, newReference } from '../../../src/lib/registration/reference';
import { hasAge, todayInSerang } from '../../../src/lib/registration/validate';

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

describe('age', () => {
  it.each([
    ['18 today', '2008-11-27', '2026-11-27', true],
    ['18 tomorrow', '2008-11-28', '2026-11-27', false],
    ['born 29 Feb, on 28 Feb of a common year: not yet', '2008-02-29', '2026-02-28', false],
    ['born 29 Feb, on 1 Mar of a common year', '2008-02-29', '2026-03-01', true],
  ])('%s', (_why, birth, today, expected) => {
    expect(hasAge(birth, today, 18)).toBe(expected);
  });

  it('counts the day in Kota Serang (WIB), not in UTC', () => {
    expect(todayInSerang(new Date('2026-11-27T17:30:00Z'))).toBe('2026-11-28');
    expect(todayInSerang(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });
});

describe('reference numbers', () => {
  it('are SRG- and six characters without 0, O, 1 or I, and differ', () => {
    const refs = new Set(Array.from({ length: 2000 }, newReference));
    expect(refs.size).toBe(2000);
    for (const r of refs) {
      expect(r).toMatch(/^SRG-[A-Z2-9]{6}$/);
      expect(r.slice(4)).not.toMatch(/[01OI]/);
      expect(isReference(r)).toBe(true);
    }
  });

  it.each(['SRG-ABC0EF', 'SRG-ABCDE', 'srg-abcdef', 'SRG-ABCDEFG', '<script>'])('rejects %s', (bad) => {
    expect(isReference(bad)).toBe(false);
  });
});
