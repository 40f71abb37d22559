// HTTP requests from a chosen local address. All of 127.0.0.0/8 is this machine, so a test can be a second client
// (127.0.0.2) of a server on 127.0.0.1, or find that a server bound to 127.0.0.1 alone refuses 127.0.0.2.
import { request, type IncomingHttpHeaders } from "node:http";

export type LocalAnswer = { status: number; headers: IncomingHttpHeaders; body: string };

export type LocalRequest = { method?: string; headers?: Record<string, string>; body?: string };

/** Rejects when the connection fails (ECONNREFUSED when nothing listens there), and after 30 s of silence. */
export function requestFrom(localAddress: string, url: string, init: LocalRequest = {}): Promise<LocalAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? "GET", headers: init.headers, localAddress }, (answer) => {
      let body = "";
      answer.setEncoding("utf8");
      answer.on("data", (chunk: string) => (body += chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body }));
      answer.on("error", reject);
    });
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`no answer from ${url} in 30 s`)));
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}
