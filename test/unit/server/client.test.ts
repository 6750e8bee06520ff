import { describe, expect, it } from 'vitest';

import { clientOf, networkOf } from '../../../src/server/client';

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

describe('the /48 around a client', () => {
  it.each([
    ['two /64s of one /48 share it', '2001:db8:77:1::9', '2001:db8:77::/48'],
    ['written differently, the same /48', '2001:0db8:0077:ffff::1', '2001:db8:77::/48'],
    ['the next /48 is another', '2001:db8:78:1::1', '2001:db8:78::/48'],
    ['an IPv4 address has none (it is its own client)', '203.0.113.7', undefined],
    ['nor an IPv4 address written as IPv6', '::ffff:203.0.113.7', undefined],
  ])('%s', (_why, ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });
});
