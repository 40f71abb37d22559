// Who is at the other end of a connection, for chainpay's own server (scripts/server/serve.ts): the socket's peer, or,
// when that peer is one of the TRUSTED_PROXIES, the client that proxy says it forwarded for. What any other
// peer says about itself (X-Forwarded-For, X-Forwarded-Proto) is made up as far as the node can know, so it is
// dropped before Next.js or any handler sees it.
import "server-only";
import { BlockList, isIPv4, isIPv6 } from "node:net";

/** The request headers that only a trusted proxy may send; from anyone else they are removed. */
export const proxyOnlyHeaders = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"];

/** A header of made-up hops is read this far and no further: a real chain of proxies is a handful. */
const forwardedHopsMax = 32;

/**
 * One address in one spelling: an IPv4 address reached over an IPv6 socket (`::ffff:192.0.2.1`) is that IPv4
 * address, an IPv6 zone (`%eth0`) is dropped and IPv6 is lowercase, so that one client never counts as two.
 * Anything that is not an IP address gives undefined.
 */
export function normalizeAddress(text: string): string | undefined {
  const address = text.trim().toLowerCase();
  const mapped = /^::ffff:([0-9.]+)$/.exec(address)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  const withoutZone = address.replace(/%.*$/, "");
  return isIPv6(withoutZone) ? withoutZone : undefined;
}

/** The addresses and networks of TRUSTED_PROXIES (each `192.0.2.7`, `10.0.0.0/8`, `2001:db8::1` or `fd00::/8`). */
export function trustedProxiesOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addressText = "", prefixText] = entry.split("/");
    const address = normalizeAddress(addressText);
    if (address === undefined) throw new Error(`${entry} is not an IP address or network`);
    const family = isIPv4(address) ? "ipv4" : "ipv6";
    if (prefixText === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefixText), family);
  }
  return list;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  return trusted.check(address, isIPv4(address) ? "ipv4" : "ipv6");
}

export type ConnectionClient = {
  /** The client's address: what per-client limits count against. */
  address: string;
  /** Whether the socket's peer is a trusted proxy, whose X-Forwarded-* headers are then kept. */
  isFromTrustedProxy: boolean;
};

/**
 * The client behind a connection. From a trusted proxy, X-Forwarded-For is read from its right end, the hop that
 * proxy itself appended, leftwards for as long as each hop is trusted too: the first untrusted hop is the client
 * (what is left of it was written by that client, and may be anything). A hop that is not an address ends the
 * walk at the proxy that passed it on, since nothing it says can be believed.
 */
export function connectionClientOf(
  peerAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): ConnectionClient {
  const peer = normalizeAddress(peerAddress ?? "");
  // A socket already closed has no address; its request goes nowhere anyway.
  if (peer === undefined) return { address: "unknown", isFromTrustedProxy: false };
  if (!isTrusted(trusted, peer)) return { address: peer, isFromTrustedProxy: false };
  const hops = (forwardedFor ?? "").split(",").slice(-forwardedHopsMax).reverse();
  let client = peer;
  for (const hop of hops) {
    if (!isTrusted(trusted, client)) break;
    const address = normalizeAddress(hop);
    if (address === undefined) break;
    client = address;
  }
  return { address: client, isFromTrustedProxy: true };
}
