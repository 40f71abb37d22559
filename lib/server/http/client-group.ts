// The key a per-client limit counts a request against: its client's address, except that an IPv6 client counts as
// its whole /64 network. One subscriber is routinely given a /64 (RFC 6177), so without this one attacker could
// pose as 2^64 clients and spread its guesses over all of them.
import "server-only";
import { isIPv4, isIPv6 } from "node:net";
import { clientAddressOf } from "./client-address";

/** The 8 groups of an IPv6 address, each as 4 lowercase hex digits; undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.toLowerCase().replace(/%.*$/, "");
  // An IPv4 tail (`64:ff9b::192.0.2.1`) is two groups.
  const ipv4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (ipv4Tail !== undefined && isIPv4(ipv4Tail)) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Tail.split(".").map(Number);
    text = `${text.slice(0, -ipv4Tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => "0");
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.length === 8 ? groups.map((group) => group.padStart(4, "0")) : undefined;
}

/** `2001:db8:1:2::/64` for any address in that network; an IPv4 address, or anything else, as it is. */
export function clientGroupOfAddress(address: string): string {
  const groups = ipv6Groups(address);
  return groups === undefined ? address : `${groups.slice(0, 4).join(":")}::/64`;
}

/** The key a request counts against in per-client limits (sign-in, admin tokens). */
export function clientGroupOf(request: Request): string {
  return clientGroupOfAddress(clientAddressOf(request));
}
