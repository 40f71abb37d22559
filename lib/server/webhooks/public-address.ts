// Which IP addresses a webhook may be delivered to: only public unicast ones, unless the node's setting allows the
// private ones (tests, a node inside one network with its merchants). The ranges are IANA's special-purpose
// registries (RFC 6890 and its updates) for IPv4 and IPv6. Every IPv6 form that carries or reaches an IPv4 address
// (mapped, compatible, NAT64, 6to4, Teredo) is refused outright: a merchant has no reason to use one, and each is
// a way to name an inside IPv4 address that a check of IPv6 ranges alone would miss.
import "server-only";
import { BlockList, isIP } from "node:net";

/** Why an address is refused, for the admin's message and the delivery's recorded error. */
export type AddressKind = "public" | "private" | "never";

type Range = [address: string, prefix: number];

// Not reachable as a destination at all, whatever the setting: "this network", multicast, broadcast, reserved.
const neverIpv4: Range[] = [
  ["0.0.0.0", 8],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const neverIpv6: Range[] = [
  ["::", 128],
  ["ff00::", 8],
];

// Inside addresses: loopback, RFC 1918, CGNAT, link-local, IETF protocol assignments, documentation, benchmarking,
// the 6to4 relay anycast.
const privateIpv4: Range[] = [
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
];
const privateIpv6: Range[] = [
  ["::1", 128],
  // IPv4-compatible (deprecated) and IPv4-mapped addresses, and the IPv4/IPv6 translation prefixes.
  ["::", 96],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  // Discard-only, IETF protocol assignments (Teredo among them), documentation, 6to4, segment routing.
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["3fff::", 20],
  ["5f00::", 16],
  // Unique-local, link-local, the old site-local.
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
];

function listOf(ranges: Range[], type: "ipv4" | "ipv6"): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, type);
  return list;
}

// One list per family: a BlockList checks an IPv4 address against its IPv6 rules as ::ffff:a.b.c.d, which the
// IPv4-mapped rule would match for every IPv4 address.
const lists = {
  ipv4: { never: listOf(neverIpv4, "ipv4"), inside: listOf(privateIpv4, "ipv4") },
  ipv6: { never: listOf(neverIpv6, "ipv6"), inside: listOf(privateIpv6, "ipv6") },
};

/** The kind of an IP address (without brackets); anything that is not an IP address is "never". */
export function addressKindOf(address: string): AddressKind {
  const version = isIP(address);
  if (version === 0) return "never";
  const type = version === 4 ? "ipv4" : "ipv6";
  if (lists[type].never.check(address, type)) return "never";
  if (lists[type].inside.check(address, type)) return "private";
  return "public";
}

/** Whether a delivery may connect to `address` under the node's setting. */
export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  const kind = addressKindOf(address);
  return kind === "public" || (kind === "private" && allowPrivate);
}

/** What an admin (or a delivery's recorded error) is told about a refused address. */
export function refusalOf(address: string, isPrivate: boolean): string {
  return isPrivate
    ? `The host is or resolves to ${address}, a private, loopback or link-local address; those are refused (WEBHOOKS_ALLOW_PRIVATE allows them).`
    : `The host is or resolves to ${address}, which can never receive a webhook (unspecified, multicast or reserved).`;
}
