// The follower against a hostile node (./hostile-node.ts): a node that answers against the protocol (an endless
// body, a redirect, a wrong shape) raises the follower's alarm, recorded in the replica and shown by its health,
// after reading no more than the route's byte limit; a node that does not answer (unreachable, 503, too slow) is
// only retried, with no alarm. The follower runs in this process on a real replica database (SQLite or
// PostgreSQL, as the project says), and once as `npm run follow -- --once`, which exits 3 on the alarm.
import { afterEach, describe, expect, it } from "vitest";
import { generateNodeKeyPem, nodeKeyFromPem, signWithNodeCrypto, verifyWithNodeCryptoSync } from "@/lib/crypto/ed25519";
import { computeBlockHash, makeGenesisHeader } from "@/lib/ledger/block";
import { canonicalBytes } from "@/lib/ledger/canonical";
import type { BatchVerifier } from "@/lib/ledger/audit";
import type { LedgerStore } from "@/lib/db/ledger-store";
import { openStore } from "@/lib/db/open-store";
import { Follower, FollowAlarmError, readFollowAlarm } from "@/lib/server/follower/follower";
import { followerHealth } from "@/lib/server/follower/read-follower-health";
import type { LedgerNode } from "@/lib/server/node/context";
import { NodeApi, NodeApiError } from "@/lib/verifier/node-api";
import { blockBodyBytesMax, headersBodyBytesMax, nodeInfoBodyBytesMax } from "@/lib/verifier/response-limits";
import { freshDatabaseUrl } from "../../../support/database";
import { makeDataDir } from "../../../support/node";
import { freePort, runScript } from "../../../support/server";
import {
  answerJson,
  endlessBody,
  hostileChainId,
  hostileNodeKey,
  nodeInfo,
  shapedBlock,
  startHostileNode,
  type Handler,
  type HostileNode,
} from "./hostile-node";

/** As in hostile-node.test.ts: what loopback sockets buffer beyond what the client read, far below an unbounded read. */
const socketBuffersBytesMax = 32 * 1024 * 1024;
const endlessBytesCap = 256 * 1024 * 1024;
/** A short timeout for the one case that waits for it; every other answer comes at once. */
const shortTimeoutMs = 1_000;

const verifyBatch: BatchVerifier = (checks) =>
  Promise.resolve(checks.map((check) => verifyWithNodeCryptoSync(check.publicKey, check.message, check.signature)));

const nodes: HostileNode[] = [];
const stores: LedgerStore[] = [];

afterEach(async () => {
  await Promise.all(nodes.splice(0).map((node) => node.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function hostile(handlers: Record<string, Handler>): Promise<HostileNode> {
  const node = await startHostileNode(handlers);
  nodes.push(node);
  return node;
}

let replicas = 0;

/** A fresh, empty replica following `url`, pinned to the hostile node's key. */
async function follow(
  url: string,
  timeoutMs?: number,
  nodePublicKey = hostileNodeKey,
): Promise<{ follower: Follower; store: LedgerStore }> {
  const name = `alarm_${++replicas}`;
  const dataDir = makeDataDir(name);
  const store = await openStore(await freshDatabaseUrl(dataDir, name), { migrate: true, serve: false });
  stores.push(store);
  const api = new NodeApi(url, fetch, timeoutMs);
  const follower = await Follower.open({ store, api, nodePublicKey, verifyBatch });
  return { follower, store };
}

/** What syncOnce threw: a round that succeeds fails the test. */
async function failedRound(follower: Follower): Promise<unknown> {
  return follower.syncOnce().then(
    () => new Error("the round succeeded"),
    (error: unknown) => error,
  );
}

/** GET /api/health as a follower serving `store` answers it (readFollowerStatus reads no more than these). */
async function health(store: LedgerStore, url: string): Promise<{ status: number; body: unknown }> {
  const node = { writer: null, store, config: { followUrl: url } } as unknown as LedgerNode;
  const response = await followerHealth(node);
  return { status: response.status, body: await response.json() };
}

/** The node info and headers that get a fresh follower to block 1's body. */
const upToBlockOne = {
  "/api/node": answerJson(nodeInfo(1)),
  "/api/headers": answerJson({ blocks: [shapedBlock(0, 0), shapedBlock(1, 1)] }),
};

describe("a follower whose node answers against the protocol raises the alarm", () => {
  it.each([
    [
      "an endless node info",
      { "/api/node": endlessBody(endlessBytesCap) },
      `GET /api/node answered too large a body: more than this route's ${nodeInfoBodyBytesMax} bytes, so it was not read further`,
      nodeInfoBodyBytesMax,
    ],
    [
      "an endless block, the largest route",
      { ...upToBlockOne, "/api/blocks/1": endlessBody(endlessBytesCap) },
      `GET /api/blocks/1 answered too large a body: more than this route's ${blockBodyBytesMax} bytes, so it was not read further`,
      blockBodyBytesMax,
    ],
  ])("%s: cut at the route's limit", async (_what, handlers, problem, bytesMax) => {
    const node = await hostile(handlers);
    const { follower, store } = await follow(node.url);
    const error = await failedRound(follower);
    expect(error).toBeInstanceOf(FollowAlarmError);
    const { alarm } = error as FollowAlarmError;
    expect(alarm).toMatchObject({
      kind: "misbehaviour",
      height: -1,
      reason: `the node answered against the protocol: ${problem}`,
      seenHash: null,
      servedHash: null,
    });
    expect(await readFollowAlarm(store)).toEqual(alarm);
    // Functionally bounded: the read stopped at the limit and hung up, so the node could hand over no more than
    // the limit and what the sockets buffer, nowhere near the 256 MiB it would have sent.
    await node.closedAll();
    expect(node.bytesWritten()).toBeLessThan(bytesMax + socketBuffersBytesMax);
    expect(await health(store, node.url)).toEqual({
      status: 503,
      body: { ok: false, follower: { following: node.url, height: -1, alarm } },
    });
  });

  it("a redirect, which it does not follow", async () => {
    const elsewhere = await hostile(upToBlockOne);
    const node = await hostile({
      "/api/node": answerJson(nodeInfo(1)),
      "/api/headers": (_request, response) => {
        response.writeHead(301, { location: `${elsewhere.url}/api/headers?from=0&limit=64` });
        response.end();
      },
    });
    const { follower, store } = await follow(node.url);
    const error = await failedRound(follower);
    expect(error).toBeInstanceOf(FollowAlarmError);
    expect((await readFollowAlarm(store))?.reason).toBe(
      `the node answered against the protocol: GET /api/headers?from=0&limit=64 redirected (301) to "${elsewhere.url}/api/headers?from=0&limit=64": a verifier follows no redirect`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it.each([
    [
      "headers of the wrong shape",
      { "/api/node": answerJson(nodeInfo(1)), "/api/headers": answerJson({ blocks: [{ header: {} }] }) },
      "GET /api/headers?from=0&limit=64 answered something that is not the protocol's: ",
    ],
    [
      "node info that is not JSON",
      { "/api/node": answerJson("<html>") },
      "GET /api/node answered a body that is JSON but not an object: it is a string",
    ],
    [
      "a block whose body differs from its listed header",
      { ...upToBlockOne, "/api/blocks/1": answerJson({ block: shapedBlock(2, 1), transactions: [] }) },
      "block 1 differs between /api/headers and /api/blocks",
    ],
  ])("%s", async (_what, handlers, problem) => {
    const node = await hostile(handlers);
    const { follower, store } = await follow(node.url);
    expect(await failedRound(follower)).toBeInstanceOf(FollowAlarmError);
    const alarm = await readFollowAlarm(store);
    expect(alarm?.kind).toBe("misbehaviour");
    expect(alarm?.reason.startsWith(`the node answered against the protocol: ${problem}`)).toBe(true);
  });

  it("and stops asking: the next round throws the standing alarm without a request", async () => {
    const node = await hostile({ "/api/node": answerJson({ chainId: 7 }) });
    const { follower } = await follow(node.url);
    const first = await failedRound(follower);
    expect(first).toBeInstanceOf(FollowAlarmError);
    const asked = node.requests.length;
    const second = await failedRound(follower);
    expect((second as FollowAlarmError).alarm).toEqual((first as FollowAlarmError).alarm);
    expect(node.requests.length).toBe(asked);
  });

  it("`npm run follow -- --once` prints the alarm and exits 3", async () => {
    const node = await hostile({ "/api/node": endlessBody(endlessBytesCap) });
    const dataDir = makeDataDir("alarm_script");
    const environment = {
      DATA_DIR: dataDir,
      DATABASE_URL: await freshDatabaseUrl(dataDir, "alarm_script"),
      ADMIN_PASSWORD: "follower-alarm-password",
    };
    const run = await runScript("follow.ts", [node.url, "--once", "--node-key", hostileNodeKey], environment, 120_000);
    expect(run.output).toContain("!!! chainpay follower ALARM !!!");
    expect(run.output).toContain(
      `!!! the node answered against the protocol: GET /api/node answered too large a body: more than this route's ${nodeInfoBodyBytesMax} bytes`,
    );
    expect(run.code).toBe(3);
  });
});

describe("a follower with a verified replica", () => {
  it("raises the alarm at its verified height when the node starts answering against the protocol", async () => {
    // A real genesis block, signed by a real key: the first round verifies and stores it.
    const key = nodeKeyFromPem(generateNodeKeyPem());
    const header = makeGenesisHeader(hostileChainId, "2026-11-25T22:00:00.000Z");
    const genesis = {
      header,
      hash: computeBlockHash(header),
      signature: signWithNodeCrypto(key.privateKey, canonicalBytes(header)),
    };
    const info = { ...(nodeInfo(0) as object), nodePublicKey: key.publicKeyHex, head: genesis };
    const handlers: Record<string, Handler> = {
      "/api/node": answerJson(info),
      "/api/headers": answerJson({ blocks: [genesis] }),
    };
    const node = await hostile(handlers);
    const { follower, store } = await follow(node.url, undefined, key.publicKeyHex);
    expect(await follower.syncOnce()).toEqual({ height: 0, added: 1 });
    expect(await follower.syncOnce()).toEqual({ height: 0, added: 0 });
    // The node now answers the follower's check of its verified head with a body that never ends.
    handlers["/api/headers"] = endlessBody(endlessBytesCap);
    const error = await failedRound(follower);
    expect(error).toBeInstanceOf(FollowAlarmError);
    expect(await readFollowAlarm(store)).toMatchObject({
      kind: "misbehaviour",
      height: 0,
      reason: `the node answered against the protocol: GET /api/headers?from=0&limit=1 answered too large a body: more than this route's ${headersBodyBytesMax} bytes, so it was not read further`,
    });
    // The replica keeps the chain it verified.
    expect((await store.head())?.hash).toBe(genesis.hash);
  });
});

describe("a follower whose node does not answer retries, with no alarm", () => {
  async function expectRetried(follower: Follower, store: LedgerStore, problem: string): Promise<void> {
    const error = await failedRound(follower);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).isUnavailable).toBe(true);
    expect((error as NodeApiError).message).toMatch(problem);
    expect(await readFollowAlarm(store)).toBeNull();
  }

  it("an unreachable node", async () => {
    const port = await freePort();
    const { follower, store } = await follow(`http://127.0.0.1:${port}`);
    await expectRetried(follower, store, "cannot reach");
    expect(await health(store, `http://127.0.0.1:${port}`)).toEqual({
      status: 200,
      body: { ok: true, follower: { following: `http://127.0.0.1:${port}`, height: -1, alarm: null } },
    });
  });

  it.each([503, 429])("a node answering %i", async (status) => {
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "overloaded", message: "Busy." } }));
      },
    });
    const { follower, store } = await follow(node.url);
    await expectRetried(follower, store, `GET /api/node answered ${status}`);
  });

  it("a body that never finishes, given up on at the timeout", async () => {
    const node = await hostile({
      "/api/node": (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"chainId":');
      },
    });
    const { follower, store } = await follow(node.url, shortTimeoutMs);
    await expectRetried(follower, store, "timed out");
  });
});
