import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent } from "undici";

/**
 * Addresses a webhook must not reach unless private networks are allowed: loopback, private ranges, link-local
 * (cloud metadata lives at 169.254.169.254), carrier-grade NAT, unique-local IPv6 and IPv4-mapped forms of them.
 * A journey's webhook URL is written by marketers, so without this a journey could make the worker call internal
 * services.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  return PRIVATE.check(address, "ipv6");
}

export class BlockedAddressError extends Error {
  readonly code = "EADDRBLOCKED";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The DNS lookup the webhook connection uses: it checks the address actually connected to (so a name that resolves
 * to a public address when checked and a private one when connecting cannot slip through).
 */
function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) {
      return callback(
        new BlockedAddressError(`${hostname} resolves to ${blocked.address}, a private or reserved address`),
        [],
      );
    }
    const all = (options as { all?: boolean }).all;
    if (all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new BlockedAddressError(`${hostname} has no address`), []);
    callback(null, first.address, first.family);
  });
}

/** The HTTP client for webhooks: public addresses only, unless the deployment allows private networks. */
export function webhookDispatcher(allowPrivateNetworks: boolean): Agent {
  return new Agent(allowPrivateNetworks ? {} : { connect: { lookup: guardedLookup as never } });
}
