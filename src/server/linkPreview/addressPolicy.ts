import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../domain/errors.js';

/** Every address a host name resolves to. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Whether the server may connect to an address for a link preview: only public unicast ones.
 * Loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified and
 * reserved ranges are refused, also when written as IPv4-mapped IPv6.
 */
export function isPublicAddress(address: string, allowed: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][] = []): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match([range, bits] as never))) return true;
  return ip.range() === 'unicast';
}

export function parseAllowList(cidrs: readonly string[]): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return cidrs.map((c) => (c.includes('/') ? ipaddr.parseCIDR(c) : ([ipaddr.process(c), ipaddr.process(c).kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number])));
}

/**
 * Resolves `host` and checks every address it has, so that a name with one public and one
 * private address cannot slip through; returns the address to connect to. NOTE: the caller must
 * connect to exactly this address (not resolve again), or DNS rebinding defeats the check.
 */
export async function resolveChecked(host: string, resolve: Resolver, allowed: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][]): Promise<string> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: string[];
  if (ipaddr.isValid(bare)) addresses = [bare];
  else {
    try {
      addresses = await resolve(bare);
    } catch {
      throw new DomainError('not_found', `Host ${bare} could not be resolved`);
    }
  }
  if (addresses.length === 0) throw new DomainError('not_found', `Host ${bare} has no address`);
  const blocked = addresses.find((a) => !isPublicAddress(a, allowed));
  if (blocked !== undefined) throw new DomainError('validation', `url points to a private or reserved address (${blocked}); only public hosts are previewed`);
  return addresses[0]!;
}
