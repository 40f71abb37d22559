// A lying node for the witness tests: a node:http proxy on 127.0.0.1 in front of a real node that passes every
// request through and lets a test rewrite an answer's body (a transaction changed in a block the node signed).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type RewritingProxy = {
  url: string;
  /** Rewrites the body of GET `path` answers from now on (null: pass it through again). */
  rewrite: (path: string, change: ((body: string) => string) | null) => void;
  stop: () => Promise<void>;
};

export async function startRewritingProxy(target: string): Promise<RewritingProxy> {
  const rewrites = new Map<string, (body: string) => string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        try {
          const method = request.method ?? "GET";
          const upstream = await fetch(`${target}${request.url ?? "/"}`, {
            method,
            headers: { "content-type": request.headers["content-type"] ?? "application/octet-stream" },
            body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
            redirect: "manual",
            signal: AbortSignal.timeout(30_000),
          });
          const path = (request.url ?? "/").split("?")[0]!;
          const change = method === "GET" ? rewrites.get(path) : undefined;
          const text = await upstream.text();
          const body = change === undefined ? text : change(text);
          response.writeHead(upstream.status, {
            "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
          });
          response.end(body);
        } catch {
          response.writeHead(502, { "content-type": "text/plain" });
          response.end("proxy: the node did not answer\n");
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rewrite: (path, change) => {
      if (change === null) rewrites.delete(path);
      else rewrites.set(path, change);
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
