// `npm run verify` against a hostile node (a node:http server on 127.0.0.1, ./hostile-node.ts): whatever the node
// does, the verifier ends with its documented exit code and one line saying what the node did, and never reads more
// than the route's byte limit. 1: the node answered, but not as the protocol says; 2: it did not answer (unreachable,
// too slow, 5xx or 429).
import { afterEach, describe, expect, it } from "vitest";
import { headersLimitMax } from "@/lib/ledger/limits";
import {
  blockBodyBytesMax,
  headersBodyBytesMax,
  nodeApiTimeoutMs,
  nodeInfoBodyBytesMax,
} from "@/lib/verifier/response-limits";
import { freePort, runScript } from "../../../support/server";
import {
  answerJson,
  endlessBody,
  hostileNodeKey,
  nodeInfo,
  shapedBlock,
  shapedTransaction,
  startHostileNode,
  type HostileNode,
} from "./hostile-node";

/**
 * Beyond what the client reads, the bytes a server can hand to a loopback connection before it blocks: both
 * sockets' kernel buffers (a few MiB each on Linux) and Node's own. Well below what an unbounded client takes.
 */
const socketBuffersBytesMax = 32 * 1024 * 1024;
/** An endless body stops here: a client that read it all would have read 256 MiB, far past every bound above. */
const endlessBytesCap = 256 * 1024 * 1024;

const started: HostileNode[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((node) => node.stop()));
});

async function hostile(...handlers: Parameters<typeof startHostileNode>): Promise<HostileNode> {
  const node = await startHostileNode(...handlers);
  started.push(node);
  return node;
}

const verify = (url: string, ...extra: string[]) =>
  runScript("verify.ts", [url, "--node-key", hostileNodeKey, ...extra], {}, 120_000);

/** The one line verify printed about the node, and nothing after it. */
function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "";
}

describe("npm run verify against a hostile node", () => {
  it("refuses an endless body after at most the route's limit (exit 1)", async () => {
    const node = await hostile({ "/api/node": endlessBody(endlessBytesCap) });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      `FAILED: GET /api/node answered too large a body: more than this route's ${nodeInfoBodyBytesMax} bytes, so it was not read further`,
    );
    expect(run.code).toBe(1);
    await node.closedAll();
    expect(node.bytesWritten()).toBeLessThan(nodeInfoBodyBytesMax + socketBuffersBytesMax);
  });

  it("refuses an endless block body after at most the block route's limit, the largest (exit 1)", async () => {
    const node = await hostile({
      "/api/node": answerJson(nodeInfo(1)),
      "/api/headers": answerJson({ blocks: [shapedBlock(0, 0), shapedBlock(1, 1)] }),
      "/api/blocks/1": endlessBody(endlessBytesCap),
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      `FAILED: GET /api/blocks/1 answered too large a body: more than this route's ${blockBodyBytesMax} bytes, so it was not read further`,
    );
    expect(run.code).toBe(1);
    await node.closedAll();
    expect(node.bytesWritten()).toBeLessThan(blockBodyBytesMax + socketBuffersBytesMax);
  });

  it("refuses a Content-Length over the limit before reading the body (exit 1)", async () => {
    const node = await hostile({ "/api/node": endlessBody(endlessBytesCap, { "content-length": "10000000000" }) });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      `FAILED: GET /api/node answered too large a body: it declares 10000000000 bytes, more than this route's ${nodeInfoBodyBytesMax}`,
    );
    expect(run.code).toBe(1);
    await node.closedAll();
    expect(node.bytesWritten()).toBeLessThan(socketBuffersBytesMax);
  });

  it("follows no redirect, and names where it pointed (exit 1)", async () => {
    const elsewhere = await hostile({ "/api/node": answerJson(nodeInfo(0)) });
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(302, { location: `${elsewhere.url}/api/node` });
        response.end();
      },
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      `FAILED: GET /api/node redirected (302) to "${elsewhere.url}/api/node": a verifier follows no redirect`,
    );
    expect(run.code).toBe(1);
    expect(node.requests).toEqual(["/api/node"]);
    expect(elsewhere.requests).toEqual([]);
  });

  it("refuses a page of more than 1,000 headers by its length, though its bytes fit (exit 1)", async () => {
    const blocks = Array.from({ length: headersLimitMax + 1 }, (_, height) => shapedBlock(height, 0));
    expect(JSON.stringify({ blocks }).length).toBeLessThan(headersBodyBytesMax);
    const node = await hostile({
      "/api/node": answerJson(nodeInfo(headersLimitMax)),
      "/api/headers": answerJson({ blocks }),
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      `FAILED: GET /api/headers?from=0&limit=${headersLimitMax} answered something that is not the protocol's: blocks: Too big: expected array to have <=1000 items`,
    );
    expect(run.code).toBe(1);
  });

  it("refuses a block of more than 1,000 transactions by its length, though its bytes fit (exit 1)", async () => {
    const transactions = Array.from({ length: 1001 }, (_, leafIndex) => shapedTransaction(leafIndex % 1000));
    const body = { block: shapedBlock(1, 1), transactions };
    expect(JSON.stringify(body).length).toBeLessThan(blockBodyBytesMax);
    const node = await hostile({
      "/api/node": answerJson(nodeInfo(1)),
      "/api/headers": answerJson({ blocks: [shapedBlock(0, 0), shapedBlock(1, 1)] }),
      "/api/blocks/1": answerJson(body),
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(
      "FAILED: GET /api/blocks/1 answered something that is not the protocol's: transactions: Too big: expected array to have <=1000 items",
    );
    expect(run.code).toBe(1);
  });

  it.each([
    ["an array", "[]", "is JSON but not an object: it is an array"],
    ["a string", '"chainpay"', "is JSON but not an object: it is a string"],
    ["null", "null", "is JSON but not an object: it is null"],
    ["a page of HTML", "<html><body>chainpay</body></html>", "is not JSON"],
  ])("refuses an answer that is %s (exit 1)", async (_what, body, problem) => {
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(body);
      },
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(`FAILED: GET /api/node answered a body that ${problem}`);
    expect(run.code).toBe(1);
  });

  it("gives up on a body that never finishes when --timeout passes (exit 2: the node did not answer)", async () => {
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"chainId":');
      },
    });
    const run = await verify(node.url, "--timeout", "2");
    expect(lastLine(run.output)).toBe("error: GET /api/node timed out: no whole answer within 2 s");
    expect(run.code).toBe(2);
    // Without --timeout each request has nodeApiTimeoutMs (30 s): the same node is still being waited for at 4 s.
    expect(nodeApiTimeoutMs, "the default outlasts the wait below").toBeGreaterThan(4_000);
    const startedMs = Date.now();
    const waited = await runScript("verify.ts", [node.url, "--node-key", hostileNodeKey], {}, 4_000);
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(4_000);
    expect(waited.output).not.toContain("timed out");
  });

  const misuses = [
    ["--timeout", "0"],
    ["--timeout", "1.5"],
    ["--timeout", "601"],
    ["--timeout", "-1"],
    ["--timeout"],
    ["--no-such-option"],
  ];
  it.each(misuses.map((extra) => [extra.join(" "), extra] as const))(
    "refuses %s as usage, with no stack trace (exit 2)",
    async (_title, extra) => {
      const run = await verify("http://127.0.0.1:9", ...extra);
      expect(run.output).toContain("usage: npm run verify -- <url>");
      expect(run.output).not.toContain("    at ");
      expect(run.code).toBe(2);
    },
  );

  it("says a node that cannot be reached is a network problem (exit 2)", async () => {
    const port = await freePort();
    const run = await verify(`http://127.0.0.1:${port}`);
    expect(lastLine(run.output)).toMatch(
      new RegExp(`^error: GET /api/node: cannot reach http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)$`),
    );
    expect(run.code).toBe(2);
  });

  it.each([503, 429])("says a node answering %i is down or busy, not misbehaving (exit 2)", async (status) => {
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "overloaded", message: "Busy." } }));
      },
    });
    const run = await verify(node.url);
    expect(lastLine(run.output)).toBe(`error: GET /api/node answered ${status}`);
    expect(run.code).toBe(2);
  });
});
