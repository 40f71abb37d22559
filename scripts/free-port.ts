// A free TCP port for a server about to be started by another process, which binds it itself a moment later.
import { createServer } from "node:net";

/**
 * Ports for the servers the tests start, and the throwaway PostgreSQL server, come from below Linux's ephemeral
 * range (32768 to 60999 by default): a port the kernel picks for `listen(0)` or for an outgoing connection's own
 * end can be taken by any other process between this check and the server's bind, and was (a witness's server,
 * EADDRINUSE, in a full parallel run).
 */
const portFirst = 20_000;
const portEnd = 32_768;
const portsHandedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    // Every interface, as chainpay's server listens by default: a port taken on any of them is not free.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = portFirst + Math.floor(Math.random() * (portEnd - portFirst));
    if (portsHandedOut.has(port)) continue;
    if (await canListen(port)) {
      portsHandedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${portFirst} and ${portEnd} after 200 tries`);
}
