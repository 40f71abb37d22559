// The one node API client (lib/verifier/node-api.ts) with a fetch that plays a misbehaving node: every failure is
// a NodeApiError naming what the node did, classed as a node that did not answer or one that misbehaved.
import { describe, expect, it, vi } from "vitest";
import { NodeApi, NodeApiError, type NodeApiProblem } from "@/lib/verifier/node-api";
import { nodeInfoBodyBytesMax } from "@/lib/verifier/response-limits";

const baseUrl = "http://node.test";

const signedBlock = (height: number) => ({
  header: {
    version: 1,
    chainId: "chainpay-test",
    height,
    prevHash: "0".repeat(64),
    merkleRoot: "b".repeat(64),
    txCount: height === 0 ? 0 : 1,
    timestamp: "2026-11-25T22:00:00.000Z",
  },
  hash: height.toString(16).padStart(64, "c"),
  signature: "e".repeat(128),
});
const info = { chainId: "chainpay-test", nodePublicKey: "d".repeat(64), currency: { code: "EUR", decimals: 2 } };

/** A fetch that answers every request with `answer()`, recording what it was asked. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  return vi.fn((_url: URL | RequestInfo, _init?: RequestInit) => Promise.resolve(answer()));
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NodeApiError);
  return error as NodeApiError;
}

describe("NodeApi.info against a misbehaving node", () => {
  it.each<[string, () => Response, NodeApiProblem, string]>([
    [
      "a redirect",
      () => new Response(null, { status: 301, headers: { location: "http://elsewhere.test/api/node" } }),
      "redirected",
      'GET /api/node redirected (301) to "http://elsewhere.test/api/node": a verifier follows no redirect',
    ],
    [
      "a redirect with no location",
      () => new Response(null, { status: 307 }),
      "redirected",
      "GET /api/node redirected (307) to nowhere: a verifier follows no redirect",
    ],
    ["a 404", () => new Response("{}", { status: 404 }), "status", "GET /api/node answered 404"],
    [
      "a declared length over the limit",
      () => new Response("{}", { headers: { "content-length": String(nodeInfoBodyBytesMax + 1) } }),
      "too_large",
      `GET /api/node answered too large a body: it declares ${nodeInfoBodyBytesMax + 1} bytes, more than this route's ${nodeInfoBodyBytesMax}`,
    ],
    [
      "a body over the limit",
      () => new Response(`{"chainId":"${"a".repeat(nodeInfoBodyBytesMax)}"}`),
      "too_large",
      `GET /api/node answered too large a body: more than this route's ${nodeInfoBodyBytesMax} bytes, so it was not read further`,
    ],
    ["HTML", () => new Response("<html></html>"), "not_json", "GET /api/node answered a body that is not JSON"],
    [
      "an array",
      () => new Response("[]"),
      "not_json",
      "GET /api/node answered a body that is JSON but not an object: it is an array",
    ],
    [
      "the wrong shape",
      () => new Response(JSON.stringify({ ...info, head: { ...signedBlock(0), hash: "C".repeat(64) } })),
      "wrong_shape",
      "GET /api/node answered something that is not the protocol's: head.hash: must be 64 lowercase hexadecimal characters",
    ],
  ])("names %s", async (_what, answer, problem, message) => {
    const fetchImpl = fakeFetch(answer);
    const error = await failure(new NodeApi(baseUrl, fetchImpl).info());
    expect({ problem: error.problem, message: error.message, isUnavailable: error.isUnavailable }).toEqual({
      problem,
      message,
      isUnavailable: false,
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(fetchImpl.mock.calls[0]?.[1]?.redirect).toBe("manual");
  });

  it.each([500, 503, 429])("classes a %i as a node that did not answer", async (status) => {
    const error = await failure(
      new NodeApi(
        baseUrl,
        fakeFetch(() => new Response("", { status })),
      ).info(),
    );
    expect([error.problem, error.status, error.isUnavailable]).toEqual(["status", status, true]);
  });

  it("names a node it cannot reach", async () => {
    const refused = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") }));
    const error = await failure(new NodeApi(baseUrl, refused).info());
    expect([error.problem, error.message, error.isUnavailable]).toEqual([
      "unreachable",
      "GET /api/node: cannot reach http://node.test (connect ECONNREFUSED)",
      true,
    ]);
  });

  it("gives up on a node that never answers, when its timeout passes", async () => {
    const silent = (_url: URL | RequestInfo, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        // As fetch does: it rejects with the signal's reason, a TimeoutError.
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason as Error)),
      );
    const error = await failure(new NodeApi(baseUrl, silent, 20).info());
    expect([error.problem, error.message, error.isUnavailable]).toEqual([
      "timed_out",
      "GET /api/node timed out: no whole answer within 0.02 s",
      true,
    ]);
  });

  it("gives up on a body that never finishes, when its timeout passes", async () => {
    const stalling = (_url: URL | RequestInfo, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"chainId":'));
          init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
        },
      });
      return Promise.resolve(new Response(body));
    };
    const error = await failure(new NodeApi(baseUrl, stalling, 20).info());
    expect([error.problem, error.isUnavailable]).toEqual(["timed_out", true]);
  });

  it("reads a well-behaved answer", async () => {
    const head = signedBlock(0);
    const api = new NodeApi(
      baseUrl,
      fakeFetch(() => new Response(JSON.stringify({ ...info, head, faucet: { enabled: false, amount: "0" } }))),
    );
    expect(await api.info()).toEqual({ ...info, head });
  });
});

describe("NodeApi.blocksOf", () => {
  it("names a block whose body differs from its header in the list", async () => {
    const listed = signedBlock(1);
    const served = { ...listed, hash: "f".repeat(64) };
    const api = new NodeApi(
      baseUrl,
      fakeFetch(() => new Response(JSON.stringify({ block: served, transactions: [] }))),
    );
    const error = await failure(api.blocksOf([listed]));
    expect([error.problem, error.message, error.isUnavailable]).toEqual([
      "inconsistent",
      "block 1 differs between /api/headers and /api/blocks",
      false,
    ]);
  });
});
