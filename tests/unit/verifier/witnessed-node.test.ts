// `npm run verify -- <url> --policy`'s core (lib/verifier/verify-node.ts with a policy): a fake node serving the
// fixtures' chain through the public API, its checkpoint read and checked against the chain the verifier synced.
import { describe, expect, it } from "vitest";
import type { Policy } from "@/lib/ledger/log/policy";
import { verifyNode } from "@/lib/verifier/verify-node";
import { checkpointBodyBytesMax } from "@/lib/verifier/response-limits";
import { verifyBatchSync } from "../support/keys";
import { chain, checkpointNote, nodeKey, nodeLog, policyOf, witnessSigner } from "./witnessed-fixtures";

const nowMs = Date.parse("2026-12-01T12:00:00.000Z");
const baseUrl = "http://node.test";

/** What the chain's transactions add up to for each account (one mint of 100000, payments of 1000 in all). */
function balances(): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const { transactions } of chain)
    for (const { tx } of transactions) {
      if (tx.type === "payment") totals.set(tx.from, (totals.get(tx.from) ?? 0n) - BigInt(tx.amount));
      totals.set(tx.to, (totals.get(tx.to) ?? 0n) + BigInt(tx.amount));
    }
  return totals;
}

const json = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });

/** A node answering the public API from the fixtures' chain, and `checkpoint` at /api/log/checkpoint. */
function fakeNode(checkpoint: () => Response) {
  const totals = balances();
  return (input: URL | RequestInfo): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const path = url.pathname;
    if (path === "/api/node")
      return Promise.resolve(
        json({
          chainId: "chainpay-test",
          nodePublicKey: nodeKey.publicKeyHex,
          currency: { code: "EUR", decimals: 2 },
          head: chain.at(-1)!.block,
        }),
      );
    if (path === "/api/headers") {
      const from = Number(url.searchParams.get("from"));
      return Promise.resolve(json({ blocks: chain.slice(from).map((item) => item.block) }));
    }
    if (path.startsWith("/api/blocks/")) {
      const item = chain[Number(path.slice("/api/blocks/".length))]!;
      return Promise.resolve(json({ block: item.block, transactions: item.transactions }));
    }
    if (path.startsWith("/api/accounts/")) {
      const account = path.slice("/api/accounts/".length);
      return Promise.resolve(json({ balance: (totals.get(account) ?? 0n).toString() }));
    }
    if (path === "/api/log/checkpoint") return Promise.resolve(checkpoint());
    return Promise.resolve(new Response(null, { status: 404 }));
  };
}

const text = (body: string) => () => new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });

function verify(policy: Policy, checkpoint: () => Response) {
  return verifyNode({
    baseUrl,
    nodePublicKey: nodeKey.publicKeyHex,
    verifyBatch: verifyBatchSync,
    fetchImpl: fakeNode(checkpoint),
    policy,
    nowMs: () => nowMs,
  });
}

describe("verifyNode with a policy", () => {
  it("passes a chain whose newest checkpoint is witnessed and is its log, reporting the lag", async () => {
    const note = checkpointNote(4, [nodeLog.signer, witnessSigner(0, nowMs / 1000)]);
    const report = await verify(policyOf(1, "alpha.example/witness"), text(note));
    expect(report.problems).toEqual([]);
    expect(report.checkpoint?.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report).toMatchObject({ ok: true, height: 4, checkpoint: { ok: true, size: 4, lagBlocks: 1 } });
  });

  it("fails a chain that verifies when its checkpoint is not witnessed under the policy", async () => {
    const report = await verify(policyOf(1, "alpha.example/witness"), text(checkpointNote(5, [nodeLog.signer])));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.checkpoint?.ok).toBe(false);
  });

  it("fails when the node has no checkpoint (404)", async () => {
    const report = await verify(policyOf(0, "none"), () => new Response("{}", { status: 404 }));
    expect(report.ok).toBe(false);
    expect(report.checkpoint?.checks).toEqual([
      { name: "The node has a witnessed checkpoint (GET /api/log/checkpoint)", ok: false },
    ]);
  });

  it("refuses a checkpoint answer larger than its limit without reading it whole", async () => {
    const huge = () => new Response("x".repeat(checkpointBodyBytesMax + 1));
    await expect(verify(policyOf(0, "none"), huge)).rejects.toThrow(/too large a body/);
  });

  it("does not read the checkpoint without a policy", async () => {
    const report = await verifyNode({
      baseUrl,
      nodePublicKey: nodeKey.publicKeyHex,
      verifyBatch: verifyBatchSync,
      fetchImpl: fakeNode(() => {
        throw new Error("the checkpoint was read");
      }),
    });
    expect(report).toMatchObject({ ok: true, checkpoint: null });
  });
});
