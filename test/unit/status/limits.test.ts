import { describe, expect, it } from 'vitest';

import { clientOf, LIMITS } from '../../../src/status/limits';

describe('who is a client', () => {
  it.each([
    ['an IPv4 address is itself', '203.0.113.7', '203.0.113.7'],
    ['an IPv4 address written as IPv6 is that IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address counts by its /64', '2001:db8:77:1:a:b:c:d', '2001:db8:77:1::/64'],
    ['another address of the same /64 is the same client', '2001:db8:77:1::9', '2001:db8:77:1::/64'],
    ['leading zeros and case do not make another client', '2001:0DB8:0077:0001:ffff::1', '2001:db8:77:1::/64'],
    ['a short form with the gap in the prefix', '2001:db8::1', '2001:db8:0:0::/64'],
    ['the next /64 is another client', '2001:db8:77:2::1', '2001:db8:77:2::/64'],
    ['brackets and a zone are ignored', '[fe80::1%eth0]', 'fe80:0:0:0::/64'],
  ])('%s', (_why, ip, client) => {
    expect(clientOf(ip)).toBe(client);
  });
});

describe('the limits, in numbers', () => {
  // The README's guessing arithmetic holds only while the limit does: raising it must change the text too.
  it('a known reference allows at most about 120 tries a year: under 1 % of the birth dates of people aged 18 to 58', () => {
    const triesPerYear = (LIMITS.failuresPerReference / 2) * 12 * 2;
    const birthDates = 40 * 365;
    expect(triesPerYear).toBeLessThanOrEqual(120);
    expect(triesPerYear / birthDates).toBeLessThan(0.01);
  });
});
