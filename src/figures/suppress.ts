// Small counts never reach the public page (issue #29). The rule, applied to every table before the
// figures document is written, so the document itself never holds a count below the threshold:
//
// 1. Any count below 10 is shown as "fewer than 10" ('small'), 0 included. The total too.
// 2. In a table whose cells add up to a total the page shows (stages, months, kecamatan, field of work:
//    each adds up to the number of registrations), the cells not shown could be worked out together by
//    subtraction: total minus the cells shown. So the smallest shown cell is hidden as well ('hidden':
//    not "fewer than 10", which would be false) while the cells not shown together hold 1 to 9 — one
//    suppressed cell alone is that case — or while every cell not shown is "fewer than 10" and they
//    hold exactly 9 each (then each is 9: the only other way a suppressed value could be worked out,
//    since a "fewer than 10" cell can hold at most 9). Their sum is then 0 (nobody: all of them are 0)
//    or at least 10 with room to move between them, so no suppressed count other than 0 can be pinned.
//    If every cell is suppressed and they still hold 9 each, only hiding the total helps: it is hidden.
// 3. Tables are one-way (no cross-tabulation, no subtotals): they share only the total, so a hidden cell
//    can only be combined with its own table's total, never across tables. Destinations are not such a
//    table (a person names up to three), so it shows no total and needs only rule 1.
// test/unit/figures/suppress.test.ts proves, by trying every value the hidden cells could hold, that
// no suppressed count above 0 can be worked out from what a table shows.

export const THRESHOLD = 10;

/** A count as the page shows it: the number, "fewer than 10", or hidden so that a small one stays so. */
export type Shown = number | 'small' | 'hidden';

/** Rule 1 alone: a table whose cells add up to no total the page shows. */
export function suppressEach(counts: number[]): Shown[] {
  return counts.map((n) => (n < THRESHOLD ? 'small' : n));
}

/**
 * Whether what a table shows still lets its suppressed cells be worked out from the total (rule 2):
 * they hold 1 to 9 together, or they are all "fewer than 10" and exactly 9 each.
 */
export function exposed(counts: number[], shown: Shown[]): boolean {
  const held = counts.filter((_, i) => typeof shown[i] !== 'number');
  const sum = held.reduce((a, b) => a + b, 0);
  const allSmall = shown.every((s) => s !== 'hidden');
  return (sum > 0 && sum < THRESHOLD) || (held.length > 0 && allSmall && sum === (THRESHOLD - 1) * held.length);
}

/**
 * Rules 1 and 2: a table whose cells add up to the total the page shows. The smallest shown cell is
 * hidden, then the next, until nothing suppressed can be worked out. When every cell is suppressed and
 * the table is still exposed (all "fewer than 10" holding 9 each), the total is what gives them away:
 * `exposed` then stays true, and the figures hide the total (src/figures/figures-doc.ts).
 */
export function suppressPartition(counts: number[]): Shown[] {
  const shown = suppressEach(counts);
  while (exposed(counts, shown)) {
    let smallest = -1;
    for (let i = 0; i < counts.length; i++) {
      if (typeof shown[i] === 'number' && (smallest < 0 || counts[i]! < counts[smallest]!)) smallest = i;
    }
    if (smallest < 0) break;
    shown[smallest] = 'hidden';
  }
  return shown;
}
