// A hostile chainpay node for the tests: a tiny node:http server on 127.0.0.1 that answers each path as a test
// tells it to (an endless body, a lying Content-Length, a redirect, a body that never ends), counting what it wrote,
// and the well-shaped answers (node info, headers, a block) that get a verifier as far as the route under test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BlockTransaction, SignedBlock } from "@/lib/ledger/types";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export type HostileNode = {
  url: string;
  /** Every request's path, in the order they came. */
  requests: string[];
  /** Body bytes the server managed to hand to its sockets, over all answers. */
  bytesWritten: () => number;
  /** Settles when every connection the server accepted has closed. */
  closedAll: () => Promise<void>;
  stop: () => Promise<void>;
};

export const hostileChainId = "chainpay-hostile";
export const hostileNodeKey = "d".repeat(64);

/** A block of the protocol's shape: its hash and signature are well formed and wrong, as shape is all that is checked. */
export function shapedBlock(height: number, txCount: number): SignedBlock {
  return {
    header: {
      version: 1,
      chainId: hostileChainId,
      height,
      prevHash: height === 0 ? "0".repeat(64) : "a".repeat(64),
      merkleRoot: "b".repeat(64),
      txCount,
      timestamp: "2026-11-25T22:00:00.000Z",
    },
    hash: height.toString(16).padStart(64, "c"),
    signature: "e".repeat(128),
  };
}

export function shapedTransaction(leafIndex: number): BlockTransaction {
  return {
    txId: leafIndex.toString(16).padStart(64, "f"),
    tx: {
      type: "payment",
      chainId: hostileChainId,
      from: "12".repeat(32),
      to: "34".repeat(32),
      amount: "1",
      timestamp: "2026-11-25T22:00:00.000Z",
    },
    signature: "e".repeat(128),
    leafIndex,
  };
}

export function nodeInfo(headHeight: number): unknown {
  return {
    chainId: hostileChainId,
    nodePublicKey: hostileNodeKey,
    currency: { code: "EUR", decimals: 2 },
    head: shapedBlock(headHeight, headHeight === 0 ? 0 : 1),
    faucet: { enabled: false, amount: "0" },
  };
}

export function answerJson(body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
}

/**
 * Serves `handlers` by path (the query left out); an unknown path is a 404. The count of bytes written is what
 * write() accepted: with backpressure honoured, that is what the client read plus what the sockets buffer.
 */
export async function startHostileNode(handlers: Record<string, Handler>): Promise<HostileNode> {
  const requests: string[] = [];
  const open = new Set<Promise<void>>();
  let written = 0;
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.on("error", () => {});
    const originalWrite = response.write.bind(response) as (chunk: string | Buffer) => boolean;
    response.write = ((chunk: string | Buffer) => {
      written += Buffer.byteLength(chunk);
      return originalWrite(chunk);
    }) as typeof response.write;
    const handler = handlers[new URL(request.url ?? "/", "http://hostile").pathname];
    if (handler === undefined) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "not_found", message: "Not found." } }));
      return;
    }
    handler(request, response);
  });
  server.on("connection", (socket) => {
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bytesWritten: () => written,
    closedAll: async () => {
      await Promise.all(open);
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An answer that never ends: a JSON string padded 64 KiB at a time, as fast as the client reads it, until the
 * client hangs up or `bytesCap` is reached (a client that reads everything gets that far, and its test fails).
 */
export function endlessBody(bytesCap: number, headers: Record<string, string> = {}): Handler {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", ...headers });
    response.write('{"chainId":"');
    let sent = 0;
    const pump = () => {
      while (!response.destroyed && sent < bytesCap) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once("drain", pump);
          return;
        }
      }
      // A declared Content-Length that is never met makes end() throw: that answer was a lie from the start.
      if (!response.destroyed) {
        try {
          response.end('"}');
        } catch {
          response.destroy();
        }
      }
    };
    pump();
  };
}
