import { describe, expect, it } from 'vitest';
import { retentionCutoff, retentionFormula } from '../../../src/delivery/retention';
import { FINAL_STATUSES } from '../../../src/shared/registration-status';

describe('retention', () => {
  it.each([
    ['24 months before 4 December 2026', 24, '2026-12-04T02:00:00.000Z', '2024-12-04T02:00:00.000Z'],
    ['one month before 31 March runs into February (Date arithmetic: 3 March)', 1, '2026-03-31T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
  ])('cutoff: %s', (_why, months, now, expected) => {
    expect(retentionCutoff(months, Date.parse(now)).toISOString()).toBe(expected);
  });

  it('the formula matches only final statuses registered before the cutoff, values quoted', () => {
    const formula = retentionFormula(new Date('2024-12-04T02:00:00.000Z'));
    for (const s of FINAL_STATUSES) expect(formula).toContain(`{Status}='${s}'`);
    expect(formula).toContain("IS_BEFORE({Waktu daftar},DATETIME_PARSE('2024-12-04T02:00:00.000Z'))");
    expect(formula.startsWith('AND(OR(')).toBe(true);
  });
});
