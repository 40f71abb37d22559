// The client a request comes from, for the limits that are kept per client (sign-in, admin tokens, event
// streams, the faucet). Route handlers cannot see the socket, so the server that accepts the connection
// (scripts/server/serve.ts) writes the peer's address into `peerAddressHeader`, overwriting whatever a client sent.
import "server-only";

/** Set by chainpay's own server from the socket; a value a client sends is replaced, never trusted. */
export const peerAddressHeader = "x-chainpay-peer-address";

/** The most characters of a client key kept: an IPv6 address with a zone fits. */
const clientAddressLengthMax = 100;

/** The address a request's per-client limits count against; "local" when no server set one (tests in process). */
export function clientAddressOf(request: Request): string {
  const peer = request.headers.get(peerAddressHeader)?.trim();
  return peer === undefined || peer === "" ? "local" : peer.slice(0, clientAddressLengthMax);
}
