import { describe, expect, it } from 'vitest';

import { BUDGET_WINDOW_MS, CALLS_PER_WINDOW, nextAllowed } from '../../../src/delivery/airtable-budget';

describe('the Airtable budget', () => {
  it.each([
    ['nothing sent yet: now', [], 1000, 1000],
    ['fewer than five in the window: now', [900, 950, 990], 1000, 1000],
    ['five sent: not before the oldest of them plus the window', [0, 100, 200, 300, 400], 500, BUDGET_WINDOW_MS],
    ['five sent long ago: now', [0, 100, 200, 300, 400], 5000, 5000],
    ['only the last five count', [-5000, 0, 100, 200, 300, 400], 500, BUDGET_WINDOW_MS],
    ['never before a slot already given out', [0, 2000], 1000, 2000],
  ])('%s', (_why, times, now, expected) => {
    expect(nextAllowed(times, now)).toBe(expected);
  });

  it('never lets six calls into one second, however they are asked for', () => {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) times.push(nextAllowed(times, i * 37));
    for (let i = CALLS_PER_WINDOW; i < times.length; i++) expect(times[i]! - times[i - CALLS_PER_WINDOW]!).toBeGreaterThanOrEqual(1000);
  });
});
