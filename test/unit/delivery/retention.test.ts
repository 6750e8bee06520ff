import { describe, expect, it } from 'vitest';

import { retentionCutoff, retentionFormula } from '../../../src/delivery/retention';
import { STATUS_CHOICES } from '../../../src/shared/registration-status';
import { parseFormula } from '../../../tools/airtable-standin/formula';

describe('retention', () => {
  it.each([
    ['24 months before 4 December 2026', 24, '2026-12-04T02:00:00.000Z', '2024-12-04T02:00:00.000Z'],
    ['one month before 31 March runs into February (Date arithmetic: 3 March)', 1, '2026-03-31T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
  ])('cutoff: %s', (_why, months, now, expected) => {
    expect(retentionCutoff(months, Date.parse(now)).toISOString()).toBe(expected);
  });

  it('one rule for every outcome: the formula keys on the last change, never on the status, value quoted', () => {
    const formula = retentionFormula(new Date('2024-12-04T02:00:00.000Z'));
    expect(formula).toBe("IS_BEFORE(LAST_MODIFIED_TIME(),DATETIME_PARSE('2024-12-04T02:00:00.000Z'))");
    const due = parseFormula(formula);
    for (const status of STATUS_CHOICES) {
      expect(due({ Status: status }, { modifiedTime: '2024-12-04T01:59:59.000Z' }), status).toBe(true);
      expect(due({ Status: status }, { modifiedTime: '2024-12-04T02:00:00.000Z' }), status).toBe(false);
    }
  });
});
