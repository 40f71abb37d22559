// A raw HTTP/1.1 client for the HTTP fuzz run: it writes the request's bytes to a socket exactly as given (a
// path with bad percent-escapes, raw UTF-8, `..` segments and any body), where fetch and node:http would
// normalise or refuse them first, and reads the answer's status, headers and body (plain or chunked). An event
// stream is read to its headers only, since it never ends.
import { connect } from "node:net";

export type RawRequest = {
  method: string;
  /** The request target, sent byte for byte (a string is sent as UTF-8). */
  target: string | Buffer;
  headers: Record<string, string>;
  body: Buffer | null;
};

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer };

/** No answer the fuzz run asks for is larger; more means the server sent what no route should. */
const responseBytesMax = 8 * 1024 * 1024;
/** A safety net for a server that stops answering, so that the run fails with what it sent rather than hanging. */
const answerTimeoutMs = 60_000;

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine, ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

/** The body of a chunked answer, or null while it is not complete. */
function dechunk(bytes: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", offset);
    if (lineEnd === -1) return null;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString("latin1").split(";")[0]!, 16);
    if (Number.isNaN(size)) throw new Error("a chunk size that is not hex");
    if (size === 0) return Buffer.concat(parts);
    if (bytes.length < lineEnd + 2 + size + 2) return null;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** Sends `request` to the server at `host`:`port` on a new connection and reads its whole answer. */
export function sendRaw(host: string, port: number, request: RawRequest): Promise<RawResponse> {
  const headerLines = Object.entries({
    host: `${host}:${port}`,
    connection: "close",
    ...(request.body === null ? {} : { "content-length": String(request.body.length) }),
    ...request.headers,
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  const head = Buffer.concat([
    Buffer.from(`${request.method} `, "latin1"),
    typeof request.target === "string" ? Buffer.from(request.target, "utf8") : request.target,
    Buffer.from(` HTTP/1.1\r\n${headerLines.join("")}\r\n`, "utf8"),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (outcome: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error(`no whole answer within ${answerTimeoutMs} ms`)), answerTimeoutMs);
    /** The answer once it is complete, or null while more is to come (`isEnded`: the server closed). */
    const complete = (isEnded: boolean): RawResponse | null => {
      const bytes = Buffer.concat(chunks);
      const headEnd = bytes.indexOf("\r\n\r\n");
      if (headEnd === -1) return null;
      const { status, headers } = parseHead(bytes.subarray(0, headEnd).toString("latin1"));
      const rest = bytes.subarray(headEnd + 4);
      if ((headers["content-type"] ?? "").startsWith("text/event-stream")) {
        return { status, headers, body: Buffer.alloc(0) };
      }
      if (request.method === "HEAD" || status === 204 || status === 304)
        return { status, headers, body: Buffer.alloc(0) };
      if (headers["transfer-encoding"]?.toLowerCase() === "chunked") {
        const body = dechunk(rest);
        return body === null ? null : { status, headers, body };
      }
      if (headers["content-length"] !== undefined) {
        const length = Number(headers["content-length"]);
        return rest.length >= length ? { status, headers, body: rest.subarray(0, length) } : null;
      }
      return isEnded ? { status, headers, body: rest } : null;
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received > responseBytesMax) return finish(new Error(`an answer of more than ${responseBytesMax} bytes`));
      try {
        const answer = complete(false);
        if (answer !== null) finish(answer);
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on("end", () => {
      const answer = complete(true);
      finish(answer ?? new Error(`the connection closed before a whole answer (${received} bytes)`));
    });
    // A server may answer and hang up before reading a body it refuses: the answer counts, not the reset.
    socket.on("error", (error) => {
      let answer: RawResponse | null = null;
      try {
        answer = complete(true);
      } catch {
        // Not a whole answer: the error is what happened.
      }
      finish(answer ?? error);
    });
    socket.write(request.body === null ? head : Buffer.concat([head, request.body]));
  });
}
