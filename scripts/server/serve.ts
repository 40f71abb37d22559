// chainpay's HTTP server: Next.js (built, production mode) behind a node:http server of the node's own, instead of
// `next start`, because only the server that accepts a connection knows who is on the other end. Each request is
// stamped with its client's address (`peerAddressHeader`, overwriting whatever the client sent): the socket's
// peer, or, from one of the TRUSTED_PROXIES, the client it forwarded for. Forwarding headers from anyone else are
// removed. Connections are bounded in number and in how long a client may take to send a request.
// Used by `npm start` (in its own process), and run as a script by `npm run follow` and the tests:
// `node --conditions=react-server --import tsx scripts/server/serve.ts` serves DATA_DIR on HOST and PORT.
import cluster from "node:cluster";
import { enableCompileCache, flushCompileCache } from "node:module";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { readConfigOrExit, type NodeConfig } from "../../lib/server/node/env";
import { peerAddressHeader } from "../../lib/server/http/client-address";
import { connectionClientOf, proxyOnlyHeaders, trustedProxiesOf } from "../../lib/server/http/forwarded-client";
import { root } from "../build-if-needed";
import { serveWorkers } from "./serve-workers";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

/**
 * How long a client may take to send a request's headers, and its whole request (the batch route's 1 MiB body
 * among it), and how long an idle kept-alive connection stays open. None of them limits how long an answer
 * takes: an event stream is an answer that lasts, and its request was received long before.
 */
export const headersTimeoutMs = 15_000;
export const requestTimeoutMs = 60_000;
export const keepAliveTimeoutMs = 5_000;
/**
 * How long a connection may make no progress at all. When it passes while answer bytes wait to be sent, the
 * client has stopped reading (an event stream nobody reads, say): the connection is closed, since Next.js would
 * otherwise hold it, and its buffers, until the client reads again. A connection whose answer is still being
 * worked out (a long audit) has nothing waiting and is left alone.
 */
export const stalledWriteTimeoutMs = 60_000;
/** On SIGTERM or SIGINT, how long requests in progress get to finish before the process exits anyway. */
const shutdownGraceMs = 5_000;

/**
 * Next.js answers 500 to a page request whose router-state header it cannot parse (it throws). Such a header is
 * dropped, checked by Next.js's own parser, so that the page is rendered whole, as for a client with no state.
 */
function dropBadRouterState(request: IncomingMessage): void {
  const name = "next-router-state-tree";
  try {
    parseAndValidateFlightRouterState(request.headers[name]);
  } catch {
    delete request.headers[name];
  }
}

/**
 * Starts serving; settles once the server listens. With WEB_CONCURRENCY above 1 this process is the primary of
 * that many workers (serve-workers.ts), each of which runs this same function as one of them.
 */
export async function serve(config: NodeConfig, defaultPort: number): Promise<void> {
  const port = config.port ?? defaultPort;
  if (cluster.isPrimary && config.webConcurrency > 1) return serveWorkers(config, port);
  await serveHttp(config, port);
}

async function serveHttp(config: NodeConfig, port: number): Promise<Server> {
  // As `next start` does: React and Next.js pick their production builds from it when they are first loaded.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // Next.js's server is some thousands of modules: Node's on-disk code cache (in the system's temporary directory,
  // or NODE_COMPILE_CACHE; checked against each file's contents) spares every later start, and every restarted
  // worker, compiling them again. Measured here: a server's start took about a fifth less CPU (README, Deployment).
  enableCompileCache();
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, hostname: config.host ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trusted = trustedProxiesOf(config.trustedProxies);

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const forwardedFor = request.headers["x-forwarded-for"];
    const client = connectionClientOf(
      request.socket.remoteAddress,
      Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
      trusted,
    );
    // Next.js fills in X-Forwarded-For and -Proto from the socket when they are absent: so what a handler
    // reads there, like `peerAddressHeader`, is what this server vouches for.
    if (!client.isFromTrustedProxy) for (const name of proxyOnlyHeaders) delete request.headers[name];
    request.headers[peerAddressHeader] = client.address;
    dropBadRouterState(request);
    handle(request, response).catch((error: unknown) => {
      console.error(`chainpay: ${request.method ?? "?"} ${request.url ?? "?"} failed`, error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ error: { code: "internal_error", message: "The node failed to answer this request." } }),
      );
    });
  };

  const server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs }, onRequest);
  server.keepAliveTimeout = keepAliveTimeoutMs;
  // The workers share the node's connections: each takes its share, so that all together take no more.
  server.maxConnections = cluster.isWorker
    ? Math.ceil(config.maxConnections / config.webConcurrency)
    : config.maxConnections;
  server.timeout = stalledWriteTimeoutMs;
  server.on("timeout", (socket: Socket) => {
    if (socket.writableLength > 0) socket.destroy();
  });
  await new Promise<void>((resolve) => {
    // A port in use or an address this machine does not have: one line, as for a bad setting, not a stack trace.
    const refuse = (error: NodeJS.ErrnoException) => {
      console.error(
        `chainpay: cannot listen on ${config.host ?? "every interface"}, port ${port}: ${error.code ?? error.message}`,
      );
      process.exit(1);
    };
    server.once("error", refuse);
    // Unset HOST: every interface, IPv4 and IPv6, as `next start` did.
    server.listen(port, config.host, () => {
      server.off("error", refuse);
      resolve();
    });
  });
  // A worker whose primary is gone (killed, say) stops: nobody would replace it, and it holds no answer it owes,
  // since every answer given was committed first.
  if (cluster.isWorker) process.once("disconnect", () => process.exit(0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      // Every answer given was committed first, so cutting what is still open (event streams) loses nothing.
      setTimeout(() => process.exit(0), shutdownGraceMs);
    });
  }
  // The primary says it once for all its workers.
  if (!cluster.isWorker) console.log(`chainpay: serving on ${config.host ?? "every interface"}, port ${port}`);
  // The code cache is written once the warm-up has loaded the node's routes, rather than only at exit, which a
  // kill -9 never reaches.
  void warmUp(config.host, port).finally(() => flushCompileCache());
  return server;
}

/**
 * Opens the node at once rather than on the first request that needs it: the node's background work (the
 * cosigning loop that sends checkpoints to the witnesses) starts with the process, even when no client calls.
 * The node object lives in the route modules' shared global, so one request to a route that opens it is enough.
 */
function warmUp(host: string | undefined, port: number): Promise<void> {
  const address = host === undefined || host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}/api/node`;
  return fetch(url, { signal: AbortSignal.timeout(30_000) })
    .then((response) => response.body?.cancel())
    .catch((error: unknown) => {
      console.error(
        `chainpay: could not open the node at start (${error instanceof Error ? error.message : String(error)}); it opens on the first request`,
      );
    });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await serve(readConfigOrExit(), 3000);
}
