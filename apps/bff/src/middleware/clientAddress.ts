import { isIPv4, isIPv6 } from 'node:net';

/** Groups of an IPv6 address that name its network: a /64 is one household's or office's LAN. */
const IPV6_NETWORK_GROUPS = 4;

/** The eight groups of an IPv6 address, as numbers (`::` expanded, an IPv4 tail split in two). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The address a rate limit counts a request against: an IPv4 address as it is (IPv4-mapped IPv6
 * included), an IPv6 address by its /64 network, since one host may pick any address in it.
 * Anything else (no socket address) falls into one shared bucket rather than escaping the limit.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip)) {
    const groups = ipv6Groups(ip).slice(0, IPV6_NETWORK_GROUPS);
    return `${groups.map((g) => g.toString(16)).join(':')}::/64`;
  }
  return 'unknown';
}
