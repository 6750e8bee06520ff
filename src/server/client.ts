import { isIPv6 } from 'node:net';

import { keyedHash } from './keys';

// Who a request counts against, for the limits of registration (src/delivery/ceiling.ts) and of the
// status check (src/status/limits.ts): its client — an IPv4 address, or the /64 of an IPv6 address
// (one subscriber's network) — and, for IPv6, the /48 around it, since a single tunnel or office holds
// a whole /48 (65,536 /64s). Counters keep a keyed hash (src/server/keys.ts), never the address.

/** The eight groups of an IPv6 address, as numbers; undefined when it is not one. */
function ipv6Groups(ip: string): number[] | undefined {
  if (!isIPv6(ip) || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return undefined;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.map((g) => parseInt(g || '0', 16));
}

const bare = (ip: string) =>
  ip
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');

const prefix = (groups: number[], n: number) =>
  groups
    .slice(0, n)
    .map((g) => g.toString(16))
    .join(':');

/** The client a request counts against: an IPv4 address, or the /64 of an IPv6 address. */
export function clientOf(ip: string): string {
  const address = bare(ip);
  const groups = ipv6Groups(address);
  // An IPv4 address written as IPv6 (::ffff:1.2.3.4) is that IPv4 address.
  if (!groups) return address.replace(/^::ffff:/i, '');
  return `${prefix(groups, 4)}::/64`;
}

/** The /48 an IPv6 address belongs to; undefined for IPv4 (an address is its own client there). */
export function networkOf(ip: string): string | undefined {
  const groups = ipv6Groups(bare(ip));
  return groups ? `${prefix(groups, 3)}::/48` : undefined;
}

/** The keyed hashes a request's counters are kept under: its client, and its /48 when it has one. */
export function clientKeys(ip: string): { client: string; network?: string } {
  const network = networkOf(ip);
  return {
    client: keyedHash('client', clientOf(ip)).slice(0, 22),
    ...(network ? { network: keyedHash('client', network).slice(0, 22) } : {}),
  };
}
