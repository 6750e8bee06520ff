import { describe, expect, it } from 'vitest';

import { afterStall, BUDGET_WINDOW_MS, CALLS_PER_WINDOW, nextAllowed } from '../../../src/delivery/airtable-budget';

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

describe('after this process stalled', () => {
  it.each([
    // Each case: calls counted as sent, when the stall ended, what they count as.
    ['calls counted within the window before the stall count as leaving when it ended', [100, 300, 500], 900, [900, 900, 900]],
    ['a call a whole window before the stall stays where it was', [-500, 300], 900, [-500, 900]],
    ['calls after the stall are untouched', [950, 1000], 900, [950, 1000]],
    ['no stall (0): nothing moves', [100, 200], 0, [100, 200]],
  ] as const)('%s', (_name, times, stallEnd, expected) => {
    expect(afterStall([...times], stallEnd)).toEqual(expected);
  });

  it('keeps five calls in any window of Airtable arrivals when a stall sends the counted ones late', () => {
    // Counted at 0, 210, 420, 630, 840; a stall holds them all until 1,000, when they leave together.
    let times = [0, 210, 420, 630, 840];
    const arrivals = [1000, 1000, 1000, 1000, 1000];
    times = afterStall(times, 1000);
    for (let i = 0; i < 5; i++) {
      const at = nextAllowed(times, 1000);
      times = [...times, at].slice(-CALLS_PER_WINDOW);
      arrivals.push(at);
    }
    for (let i = CALLS_PER_WINDOW; i < arrivals.length; i++)
      expect(arrivals[i]! - arrivals[i - CALLS_PER_WINDOW]!).toBeGreaterThanOrEqual(1000);
  });
});
