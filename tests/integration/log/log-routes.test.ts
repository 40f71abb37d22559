// The v2 log routes through the real server with `quorum none` (no WITNESS_POLICY): a checkpoint counts as
// witnessed as soon as the node signed it. Every answer and refusal with its whole body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexToBytes } from "@/lib/ledger/hex";
import { verifyConsistency } from "@/lib/ledger/log/tree";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { verifyWitnessedReceipt, type WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import type { SignedBlock } from "@/lib/ledger/types";
import { getJson, postJson, startFreshServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { eventually, getText, openServedCheckpoint, provesBlock } from "./support";

let server: RunningServer;
let txIds: string[] = [];

type NodeAnswer = { head: SignedBlock; nodePublicKey: string; log: { origin: string; vkey: string; size: number } };

beforeAll(async () => {
  server = await startFreshServer("log-routes", { COSIGN_INTERVAL_MS: "50" });
  const payer = makeWallet();
  expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  txIds = [];
  for (let index = 0; index < 3; index += 1) {
    const answer = await postJson(`${server.url}/api/payments`, signPayment(payer, makeWallet().publicKey, "10"));
    expect(answer.status).toBe(201);
    txIds.push((answer.body as { receipt: { txId: string } }).receipt.txId);
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

async function nodeAnswer(): Promise<NodeAnswer> {
  return (await getJson(`${server.url}/api/node`)).body as NodeAnswer;
}

describe("GET /api/node and /api/log/policy", () => {
  it("announces the log's origin, vkey and size, and serves the policy with its one log line", async () => {
    const node = await nodeAnswer();
    expect(node.log.origin).toBe("chainpay/chainpay-test");
    expect(node.log.vkey).toMatch(/^chainpay\/chainpay-test\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(node.log.size).toBe(node.head.header.height + 1);
    const policy = await getText(`${server.url}/api/log/policy`);
    expect(policy).toEqual({
      status: 200,
      type: "text/plain; charset=utf-8",
      text: `log ${node.log.vkey}\nquorum none\n`,
    });
  });
});

describe("GET /api/log/checkpoint with quorum none", () => {
  it("serves the newest signed checkpoint of the whole log, signed by the node key", async () => {
    const node = await nodeAnswer();
    const policy = (await getText(`${server.url}/api/log/policy`)).text;
    const served = await eventually(async () => {
      const answer = await getText(`${server.url}/api/log/checkpoint`);
      if (answer.status !== 200) return null;
      const checkpoint = openServedCheckpoint(answer.text, policy);
      return checkpoint.size === node.log.size ? { answer, checkpoint } : null;
    }, "the checkpoint of the whole log");
    expect(served.answer.type).toBe("text/plain; charset=utf-8");
    expect(served.checkpoint.origin).toBe(node.log.origin);
    // One signature line, the node's, and nothing else.
    expect(served.answer.text.split("\n\n")[1]!.match(/^\u2014 /gm)).toHaveLength(1);
  });
});

describe("GET /api/log/proof and /api/log/consistency", () => {
  it("proves every block of the log in the log of every size, and every size consistent with the whole", async () => {
    const node = await nodeAnswer();
    const size = node.log.size;
    const blocks = (await getJson(`${server.url}/api/headers?from=0&limit=${size}`)).body as { blocks: SignedBlock[] };
    const policy = (await getText(`${server.url}/api/log/policy`)).text;
    const whole = openServedCheckpoint((await getText(`${server.url}/api/log/checkpoint`)).text, policy);
    expect(whole.size).toBe(size);
    for (let height = 0; height < size; height += 1) {
      const proof = await getJson(`${server.url}/api/log/proof?height=${height}&size=${size}`);
      expect(proof.status).toBe(200);
      const body = proof.body as { leafIndex: number; treeSize: number; path: string[] };
      expect(body.leafIndex).toBe(height);
      expect(body.treeSize).toBe(size);
      expect(provesBlock(blocks.blocks[height]!.hash, height, body.path, whole)).toBe(true);
    }
    for (let from = 1; from <= size; from += 1) {
      const answer = await getJson(`${server.url}/api/log/consistency?from=${from}&to=${size}`);
      expect(answer.status).toBe(200);
      const body = answer.body as { from: number; to: number; path: string[] };
      expect([body.from, body.to]).toEqual([from, size]);
      if (from === size) expect(body.path).toEqual([]);
      const fromRoot = rootOf(from, blocks.blocks);
      expect(verifyConsistency(from, size, fromRoot, whole.rootHash, body.path.map(hexToBytes))).toBe(true);
    }
  });

  const refusals: [string, string, string][] = [
    ["proof?height=0", "size", "size: is required: decimal digits"],
    ["proof?size=1", "height", "height: is required: decimal digits"],
    ["proof?height=-1&size=1", "height", "height: must be a non-negative whole number"],
    ["proof?height=0x1&size=2", "height", "height: must be a non-negative whole number"],
    ["proof?height=1&size=1.0", "size", "size: must be a non-negative whole number"],
    ["proof?height=01&size=2", "height", "height: must be a non-negative whole number"],
    ["proof?height=0&size=0", "size", "size: must be at least 1"],
    ["proof?height=0&size=99", "size", "size: must be at most the log's size, SIZE"],
    ["proof?height=SIZE&size=SIZE", "height", "height: must be below size (SIZE)"],
    ["consistency?from=0&to=1", "from", "from: must be at least 1"],
    ["consistency?from=1", "to", "to: is required: decimal digits"],
    ["consistency?from=1&to=99", "to", "to: must be at most the log's size, SIZE"],
    ["consistency?from=2&to=1", "from", "from: must be at most to (1)"],
    ["consistency?from=1e1&to=2", "from", "from: must be a non-negative whole number"],
    ["consistency?from=1&from=1&to=1", "from", "from is given more than once"],
  ];
  it.each(refusals)("GET /api/log/%s is 400 invalid_request naming %s", async (query, field, message) => {
    const size = String((await nodeAnswer()).log.size);
    const answer = await getJson(`${server.url}/api/log/${query.replaceAll("SIZE", size)}`);
    expect(answer).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: message.replaceAll("SIZE", size), field } },
    });
  });

  it.each(["checkpoint", "policy", "proof", "consistency"])("POST /api/log/%s is not served", async (name) => {
    const answer = await postJson(`${server.url}/api/log/${name}`, {});
    expect(answer).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "POST is not served here; this path answers GET." } },
    });
  });
});

describe("GET /api/transactions/{txId}/witnessed", () => {
  it("is the very receipt the payment got, the witnessed checkpoint and the block's proof in it", async () => {
    const node = await nodeAnswer();
    const policy = (await getText(`${server.url}/api/log/policy`)).text;
    for (const txId of txIds) {
      const receipt = (await getJson(`${server.url}/api/transactions/${txId}`)).body as { receipt: unknown };
      const answer = await eventually(async () => {
        const got = await getJson(`${server.url}/api/transactions/${txId}/witnessed`);
        return got.status === 200 ? got : null;
      }, "a witnessed receipt");
      const { witnessed } = answer.body as {
        witnessed: {
          receipt: { block: SignedBlock };
          checkpoint: string;
          logProof: { leafIndex: number; treeSize: number; path: string[] };
        };
      };
      expect(witnessed.receipt).toEqual(receipt.receipt);
      const verified = await verifyWitnessedReceipt(
        witnessed as unknown as WitnessedReceipt,
        parsePolicy(policy),
        Date.now(),
        verifyWithWebCrypto,
      );
      expect(verified.ok).toBe(true);
      const checkpoint = openServedCheckpoint(witnessed.checkpoint, policy);
      expect(witnessed.logProof.treeSize).toBe(checkpoint.size);
      expect(witnessed.logProof.leafIndex).toBe(witnessed.receipt.block.header.height);
      expect(checkpoint.size).toBeLessThanOrEqual(node.log.size);
      expect(
        provesBlock(witnessed.receipt.block.hash, witnessed.logProof.leafIndex, witnessed.logProof.path, checkpoint),
      ).toBe(true);
    }
  });

  it.each([
    ["0".repeat(64), 404, { error: { code: "not_found", message: "No transaction with this id is recorded." } }],
    [
      "xyz",
      400,
      { error: { code: "invalid_request", message: expect.stringMatching(/^txId: /) as unknown, field: "txId" } },
    ],
  ])("GET /api/transactions/%s/witnessed is %i", async (txId, status, body) => {
    expect(await getJson(`${server.url}/api/transactions/${txId}/witnessed`)).toEqual({ status, body });
  });
});

/** The root of the log's first `size` leaves, computed here from the block hashes. */
function rootOf(size: number, blocks: readonly SignedBlock[]): Uint8Array {
  return merkleTreeHash(blocks.slice(0, size).map((block) => hexToBytes(block.hash)));
}
