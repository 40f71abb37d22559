// A bounded HTTP fuzz run against a real `next start` server (tests/support/server.ts), so that the real HTTP
// layer is what is tested: a fixed number of random malformed requests (./http-requests.ts) at every API route
// and a few pages. None may answer a 5xx; every error answer of an API path is the protocol's error JSON with the
// status its code has; and the chain's head never moves. The seed is printed, and FUZZ_SEED replays a run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorStatusByCode } from "@/lib/ledger/errors";
import type { SignedBlock } from "@/lib/ledger/types";
import { adminToken } from "../../support/node";
import { getJson, type RunningServer, startFreshServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { fuzzRequests, type FuzzRequest, type FuzzTargets } from "./http-requests";
import { sendRaw, type RawResponse } from "./raw-http";

/** Requests per run: a few hundred, about a minute on a busy 2-core machine. */
const requestCount = 600;
/** Requests in flight at once. */
const concurrency = 4;
const adminPassword = "http-fuzz-admin-password";

let server: RunningServer;
let host: string;
let port: number;
let targets: FuzzTargets;
let headBefore: SignedBlock;

async function adminPost(path: string, body: unknown): Promise<{ status: number; body: unknown; cookie: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? null : (JSON.parse(text) as unknown),
    cookie: response.headers.get("set-cookie")?.split(";")[0] ?? "",
  };
}

async function head(): Promise<SignedBlock> {
  return ((await getJson(`${server.url}/api/node`)).body as { head: SignedBlock }).head;
}

beforeAll(async () => {
  server = await startFreshServer("http-fuzz", {
    ADMIN_TOKEN: adminToken,
    ADMIN_PASSWORD: adminPassword,
    // Off, so that no fuzzed account, however valid, is ever minted to.
    FAUCET_AMOUNT: "0",
  });
  host = new URL(server.url).hostname;
  port = Number(new URL(server.url).port);
  // A chain with something on it to name: a mint and a payment, each in a block.
  const payer = makeWallet();
  const payee = makeWallet();
  expect((await adminPost("/api/admin/mint", { account: payer.publicKey, amount: "100000" })).status).toBe(201);
  const recordedPayment = signPayment(payer, payee.publicKey, "250", { memo: "fuzz" });
  const paid = await fetch(`${server.url}/api/payments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(recordedPayment),
    signal: AbortSignal.timeout(30_000),
  });
  expect(paid.status).toBe(201);
  const { receipt } = (await paid.json()) as { receipt: { txId: string; block: SignedBlock } };
  const signIn = await fetch(`${server.url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: adminPassword }),
    signal: AbortSignal.timeout(30_000),
  });
  expect(signIn.status).toBe(204);
  const unsigned = signPayment(payer, payee.publicKey, "1");
  targets = {
    height: receipt.block.header.height,
    blockHash: receipt.block.hash,
    txId: receipt.txId,
    account: payer.publicKey,
    recordedPayment,
    unsignedPayment: { tx: unsigned.tx, signature: "0".repeat(128) },
    sessionCookie: signIn.headers.get("set-cookie")!.split(";")[0]!,
  };
  headBefore = await head();
}, 300_000);

afterAll(async () => {
  await server.stop();
});

const errorKeys = new Set(["code", "message", "field"]);

/** Why an API answer is not the protocol's error JSON for its status, or null when it is. */
function errorAnswerProblem(response: RawResponse): string | null {
  if (!(response.headers["content-type"] ?? "").startsWith("application/json")) {
    return `content-type ${response.headers["content-type"] ?? "(none)"}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString("utf8"));
  } catch {
    return "a body that is not JSON";
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (typeof body !== "object" || body === null || Object.keys(body).join() !== "error" || typeof error !== "object")
    return "not {error: {…}}";
  const { code, message, field } = error;
  if (typeof code !== "string" || !(code in errorStatusByCode)) return `an unknown code ${String(code)}`;
  if (errorStatusByCode[code as keyof typeof errorStatusByCode] !== response.status)
    return `code ${code} with status ${response.status}`;
  if (typeof message !== "string" || message === "") return "no message";
  if (field !== undefined && typeof field !== "string") return "a field that is not a string";
  if (Object.keys(error).some((key) => !errorKeys.has(key))) return "keys beyond code, message and field";
  return null;
}

function describeRequest(request: FuzzRequest): string {
  const target = typeof request.target === "string" ? request.target : request.target.toString("latin1");
  const body = request.body === null ? "" : ` body ${JSON.stringify(request.body.subarray(0, 120).toString("utf8"))}`;
  return `${request.method} ${target.slice(0, 200)}${body} ${JSON.stringify(request.headers).slice(0, 200)}`;
}

/**
 * Node.js's own HTTP parser refuses a request line with raw bytes past ASCII (a path of raw UTF-8) with a bare 400
 * before any of the app runs: no route can answer it, so that answer is expected of such a path and of no other.
 */
function isParserRefusal(request: FuzzRequest, response: RawResponse): boolean {
  const target = typeof request.target === "string" ? Buffer.from(request.target, "utf8") : request.target;
  return (
    target.some((byte) => byte > 0x7f) &&
    response.status === 400 &&
    response.body.length === 0 &&
    response.headers["content-type"] === undefined
  );
}

/** What is wrong with one answer, or null. */
function answerProblem(request: FuzzRequest, response: RawResponse): string | null {
  // A stream past its cap is refused with the protocol's `overloaded`, as PROTOCOL.md allows: not a failure.
  const isRefusedStream = response.status === 503 && response.body.includes('"overloaded"');
  if (response.status >= 500 && !isRefusedStream) return `answered ${response.status}`;
  if (!request.isApi || response.status < 400 || request.method === "HEAD") return null;
  if (isParserRefusal(request, response)) return null;
  const problem = errorAnswerProblem(response);
  return problem === null ? null : `answered ${response.status} with ${problem}`;
}

describe("a bounded HTTP fuzz run against a real server", () => {
  it(`answers ${requestCount} random malformed requests without a 5xx, with protocol errors, and the head stays`, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`http fuzz: seed ${seed} (FUZZ_SEED=${seed} replays this run)`);
    const requests = fc.sample(fuzzRequests(targets), { numRuns: requestCount, seed });
    const failures: string[] = [];
    const statusCounts = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        try {
          const response = await sendRaw(host, port, request);
          statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
          const problem = answerProblem(request, response);
          if (problem !== null)
            failures.push(
              `${problem}: ${describeRequest(request)} -> ${response.body.subarray(0, 300).toString("utf8")}`,
            );
        } catch (error) {
          failures.push(`${error instanceof Error ? error.message : String(error)}: ${describeRequest(request)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // What the run reached, so that a generator that only ever gets 404s shows itself.
    console.log(`http fuzz: answers by status ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`);
    expect(failures, `seed ${seed}`).toEqual([]);
    expect(await head()).toEqual(headBefore);
    // Nothing failed inside either: the route wrapper logs "<method> <path> failed" for any error it did not
    // expect (before answering a 500 that exposes nothing), and Next.js marks a page's failure with ⨯. (Its note
    // on a POST to a page that names no Server Action, "Failed to find Server Action", is a refusal, not one.)
    expect(server.output()).not.toMatch(/^[A-Z]+ \/\S* failed|⨯|unhandled|uncaught/im);
  }, 600_000);
});
