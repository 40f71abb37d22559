// The chain watch's long step on a v2 node: one checkpoint and two inclusion proofs (O(log n) hashes) take the
// pin from the block this wallet verified to the checkpoint's last block, however many blocks lie between; a
// log that no longer holds the pinned block is a rewrite; without a usable checkpoint the watch walks headers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { signNote } from "@/lib/ledger/log/note";
import { bytesToHex } from "@/lib/ledger/hex";
import { inclusionPath, merkleTreeHash } from "@/lib/ledger/merkle";
import { logStep } from "@/lib/wallet/log-step";
import { ed25519KeyNamed, testLogSigner } from "../support/log-keys";
import { checkpointNote, leavesOf, nodeKey, origin } from "./witnessed-fixture";

type Served = { leaves: Uint8Array[]; checkpoint: string | null; lastBlockHash?: string };

let served: Served;
let asked: string[];

beforeEach(() => {
  asked = [];
  vi.stubGlobal("fetch", (path: string) => {
    asked.push(path);
    const url = new URL(path, "http://node.test");
    const json = (body: unknown, status = 200) =>
      Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
    if (url.pathname === "/api/log/checkpoint") {
      if (served.checkpoint === null) return json({ error: { code: "not_found", message: "none yet" } }, 404);
      return Promise.resolve(
        new Response(served.checkpoint, { headers: { "content-type": "text/plain; charset=utf-8" } }),
      );
    }
    if (url.pathname === "/api/log/proof") {
      const height = Number(url.searchParams.get("height"));
      const size = Number(url.searchParams.get("size"));
      const path = inclusionPath(served.leaves.slice(0, size), height).map(bytesToHex);
      return json({ leafIndex: height, treeSize: size, path });
    }
    if (url.pathname === "/api/headers") {
      const height = Number(url.searchParams.get("from"));
      const hash = served.lastBlockHash ?? bytesToHex(served.leaves[height]!);
      return json({ blocks: [{ header: { height }, hash, signature: "00" }] });
    }
    return json({ error: { code: "not_found", message: "no route" } }, 404);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const history = leavesOf(1000);
const pinAt = (height: number, leaves = history) => ({
  nodePublicKey: nodeKey.publicKeyHex,
  height,
  hash: bytesToHex(leaves[height]!),
});

describe("logStep", () => {
  it("moves the pin from block 3 to the checkpoint's last block with one checkpoint, two proofs and one header", async () => {
    served = { leaves: history, checkpoint: checkpointNote(history, []) };
    const step = await logStep(pinAt(3), origin);
    expect(step).toMatchObject({ kind: "moved", block: { header: { height: 999 }, hash: bytesToHex(history[999]!) } });
    expect(asked).toEqual([
      "/api/log/checkpoint",
      "/api/log/proof?height=3&size=1000",
      "/api/headers?from=999&limit=1",
      "/api/log/proof?height=999&size=1000",
    ]);
  });

  it("calls a log that no longer holds the pinned block a rewrite", async () => {
    const fork = [...history.slice(0, 2), ...leavesOf(1000, 1).slice(2)];
    served = { leaves: fork, checkpoint: checkpointNote(fork, []) };
    expect(await logStep(pinAt(3), origin)).toEqual({
      kind: "rewritten",
      reason: "the node's signed log of 1000 blocks does not hold the block 3 this wallet verified",
    });
  });

  it("calls a served last block that is not the log's last leaf a rewrite", async () => {
    served = { leaves: history, checkpoint: checkpointNote(history, []), lastBlockHash: bytesToHex(history[998]!) };
    expect(await logStep(pinAt(3), origin)).toEqual({
      kind: "rewritten",
      reason: "block 999 is not the last block of the node's signed log",
    });
  });

  it("walks the headers when the node has no checkpoint yet, or none past the pinned block", async () => {
    served = { leaves: history, checkpoint: null };
    expect(await logStep(pinAt(3), origin)).toEqual({ kind: "walk" });
    served = { leaves: history, checkpoint: checkpointNote(history.slice(0, 4), []) };
    expect(await logStep(pinAt(3), origin)).toEqual({ kind: "walk" });
    expect(asked.filter((path) => path.startsWith("/api/log/proof"))).toEqual([]);
  });

  it("leans on no checkpoint that the pinned node key did not sign", async () => {
    const stranger = testLogSigner(origin, ed25519KeyNamed("a stranger"));
    const text = formatCheckpoint({ origin, size: history.length, rootHash: merkleTreeHash(history) });
    served = { leaves: history, checkpoint: signNote(text, [stranger.signer]) };
    expect(await logStep(pinAt(3), origin)).toEqual({ kind: "walk" });
    expect(asked).toEqual(["/api/log/checkpoint"]);
  });
});
