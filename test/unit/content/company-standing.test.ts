import { describe, expect, it } from 'vitest';

import { checkIsStale, companyProblem, vacancyProblem } from '../../../src/content/company-standing';

const today = '2026-12-04';
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const company = (status: 'aktif' | 'dihentikan-sementara' | 'dicabut', until = '2027-12-31') => ({ status, licenceValidUntil: d(until) });

describe('a company’s standing', () => {
  it.each([
    ['active, licence valid', company('aktif'), undefined],
    ['active, licence valid through today', company('aktif', today), undefined],
    ['active, licence ended yesterday', company('aktif', '2026-12-03'), 'licence-expired'],
    ['temporarily stopped', company('dihentikan-sementara'), 'stopped'],
    ['licence revoked (even with dates still valid)', company('dicabut'), 'revoked'],
  ])('%s', (_why, c, expected) => {
    expect(companyProblem(c, today)).toBe(expected);
  });
});

describe('whether a vacancy is shown', () => {
  const companies = new Map([
    ['pt-aktif', company('aktif')],
    ['pt-skors', company('dihentikan-sementara')],
    ['pt-cabut', company('dicabut')],
    ['pt-habis', company('aktif', '2026-01-01')],
  ]);
  it.each([
    ['its SIP valid and its company active', 'pt-aktif', '2027-01-01', undefined],
    ['its SIP ended, whatever the company', 'pt-aktif', '2026-12-03', 'sip-expired'],
    ['its company stopped', 'pt-skors', '2027-01-01', 'stopped'],
    ['its company’s licence revoked', 'pt-cabut', '2027-01-01', 'revoked'],
    ['its company’s licence ended', 'pt-habis', '2027-01-01', 'licence-expired'],
    ['a company not in the register', 'pt-tidak-ada', '2027-01-01', 'company-unknown'],
  ])('%s', (_why, key, sipUntil, expected) => {
    expect(vacancyProblem({ company: key, sipValidUntil: d(sipUntil) }, companies, today)).toBe(expected);
  });
});

describe('checked again after 90 days', () => {
  it.each([
    ['checked today', today, false],
    ['checked 90 days ago', '2026-09-05', false],
    ['checked 91 days ago', '2026-09-04', true],
  ])('%s', (_why, checked, stale) => {
    expect(checkIsStale(d(checked), today)).toBe(stale);
  });
});
