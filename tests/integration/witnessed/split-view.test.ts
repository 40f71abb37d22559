// A split view: two node processes with the same key and genesis (a copy of one node's data directory) take
// different payments. With 3 witnesses at 2-of-3 at most one fork is ever witnessed, every witness that saw both
// holds the evidence (its alarm, health 503), and a wallet on the other fork never sees a witnessed checkpoint
// covering the fork. The copy is of SQLite files, so this file runs on SQLite in both integration projects.
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import type { Policy } from "@/lib/ledger/log/policy";
import { verifyConsistency } from "@/lib/ledger/log/tree";
import { openCheckpoint, type WitnessedCheckpoint } from "@/lib/ledger/log/witnessed";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import type { Receipt } from "@/lib/ledger/types";
import { makeDataDir } from "../../support/node";
import { getJson, postJson, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { startWitnessedNetwork, type WitnessedNetwork } from "../../support/witnessed-network";
import {
  addCheckpoint,
  addCheckpointBody,
  consistencyProofOf,
  cosignedSize,
  logLeaves,
  nodeSigner,
  servedPolicy,
  signedCheckpoint,
  textOf,
  until,
  witnessState,
} from "../../support/witnessed-log";

let network: WitnessedNetwork;
let fork: RunningServer | null = null;
let forkDataDir: string;
let policy: Policy;
/** The log's size when the two nodes part: both hold the same blocks 0 … forkSize−1. */
let forkSize: number;
let before: WitnessedCheckpoint;
const payer = makeWallet();
const payeeOnA = makeWallet();
const payeeOnB = makeWallet();
/** Every witnessed checkpoint either node served, opened under the policy. */
const witnessedSeen: { node: "A" | "B"; size: number; root: string }[] = [];

async function pay(url: string, to: string): Promise<Receipt> {
  const response = await postJson(`${url}/api/payments`, signPayment(payer, to, "5"));
  expect(response.status).toBe(201);
  return (response.body as { receipt: Receipt }).receipt;
}

async function served(node: "A" | "B"): Promise<WitnessedCheckpoint | undefined> {
  const url = node === "A" ? network.nodeUrl : fork!.url;
  const { status, text } = await textOf(`${url}/api/log/checkpoint`);
  if (status !== 200) return undefined;
  const opened = openCheckpoint(text, policy, Date.now());
  if (opened.isWitnessed)
    witnessedSeen.push({ node, size: opened.checkpoint.size, root: bytesToHex(opened.checkpoint.rootHash) });
  return opened;
}

beforeAll(async () => {
  network = await startWitnessedNetwork({ name: "split-view", witnesses: 3, quorum: 2, database: "sqlite" });
  ({ policy } = await servedPolicy(network.nodeUrl));
  expect((await postJson(`${network.nodeUrl}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  const last = await pay(network.nodeUrl, payeeOnA.publicKey);
  forkSize = last.block.header.height + 1;
  before = await until(
    async () => {
      const opened = await served("A");
      return opened?.isWitnessed === true && opened.checkpoint.size === forkSize ? opened : undefined;
    },
    "the shared history to be witnessed",
    45_000,
  );
  // The same key, genesis and blocks in a second data directory: a node that can sign a second history.
  await network.stopNode();
  forkDataDir = makeDataDir("split-view-fork");
  cpSync(network.nodeDataDir, forkDataDir, { recursive: true });
  const forkPolicy = path.join(forkDataDir, "witness-policy.txt");
  writeFileSync(forkPolicy, network.policyText);
  await network.restartNode();
  fork = await startServer({
    ...network.nodeEnvironment(),
    DATA_DIR: forkDataDir,
    DATABASE_URL: `file:${forkDataDir}/chainpay.db`,
    WITNESS_POLICY: forkPolicy,
  });
}, 300_000);

afterAll(async () => {
  await Promise.allSettled([fork?.stop(), network?.stop()]);
});

describe("a split view", () => {
  it("both nodes hold the same key and history up to the fork", async () => {
    const [a, b] = await Promise.all([getJson(`${network.nodeUrl}/api/node`), getJson(`${fork!.url}/api/node`)]);
    const keyOf = (body: unknown) => (body as { nodePublicKey: string }).nodePublicKey;
    expect(keyOf(b.body)).toBe(keyOf(a.body));
    const [leavesA, leavesB] = await Promise.all([
      logLeaves(network.nodeUrl, forkSize),
      logLeaves(fork!.url, forkSize),
    ]);
    expect(leavesB.map(bytesToHex)).toEqual(leavesA.map(bytesToHex));
  });

  it("the two forks diverge, and at most one of them is ever witnessed", async () => {
    for (let index = 0; index < 3; index++) {
      await pay(network.nodeUrl, payeeOnA.publicKey);
      await pay(fork!.url, payeeOnB.publicKey);
    }
    const [leavesA, leavesB] = await Promise.all([
      logLeaves(network.nodeUrl, forkSize + 3),
      logLeaves(fork!.url, forkSize + 3),
    ]);
    expect(bytesToHex(leavesA[forkSize]!)).not.toBe(bytesToHex(leavesB[forkSize]!));

    // Both nodes keep sending their checkpoints to the same witnesses for a while; whatever either serves as
    // witnessed is recorded.
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      await Promise.all([served("A"), served("B")]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const forkedWitnessed = (node: "A" | "B") => witnessedSeen.filter((s) => s.node === node && s.size > forkSize);
    expect(forkedWitnessed("A").length > 0 && forkedWitnessed("B").length > 0).toBe(false);
    // The witnesses verified A's blocks: B's fork, whose blocks they never saw, is not witnessed at all.
    expect(forkedWitnessed("B")).toEqual([]);
    // Whatever either node served as witnessed is the root of that node's own blocks: no witnessed root is foreign.
    for (const entry of witnessedSeen) {
      const leaves = entry.node === "A" ? leavesA : leavesB;
      expect(entry.root, `${entry.node} at ${entry.size}`).toBe(
        bytesToHex(merkleTreeHash(leaves.slice(0, entry.size))),
      );
    }
  }, 120_000);

  it("a wallet on B's fork never sees a witnessed checkpoint covering it, and A's witnessed root contradicts B's", async () => {
    const opened = await served("B");
    // B serves at most the witnessed checkpoint from before the fork.
    expect(opened === undefined || !opened.isWitnessed || opened.checkpoint.size <= forkSize).toBe(true);
    // What a wallet that verified `before` checks against B's newest size, and against A's witnessed fork.
    const sizeB = forkSize + 3;
    const proof = (await getJson(`${fork!.url}/api/log/consistency?from=${forkSize}&to=${sizeB}`)).body as {
      path: string[];
    };
    const leavesB = await logLeaves(fork!.url, sizeB);
    const rootB = merkleTreeHash(leavesB);
    const consistentB = verifyConsistency(
      forkSize,
      sizeB,
      before.checkpoint.rootHash,
      rootB,
      proof.path.map(hexToBytes),
    );
    // B's fork extends the shared history (that is what makes a split view dangerous) but is not witnessed.
    expect(consistentB).toBe(true);
    expect(
      openCheckpoint(signedCheckpoint(leavesB, sizeB, [nodeSigner(forkDataDir)]), policy, Date.now()).isWitnessed,
    ).toBe(false);
    // A's history and B's are not consistent with each other at the same size: one of them is a fork.
    const rootA = merkleTreeHash(await logLeaves(network.nodeUrl, sizeB));
    expect(verifyConsistency(sizeB, sizeB, rootA, rootB, [])).toBe(false);
  });

  it("every witness shown both forks holds the evidence: its alarm, and health 503", async () => {
    // B's node has sent its checkpoints to every witness; to be sure each has now seen both, hand each one B's
    // checkpoint at the very size it cosigned for A (as gossip between wallets would).
    const sizeB = forkSize + 3;
    const leavesB = await logLeaves(fork!.url, sizeB);
    for (const witness of network.witnesses) {
      if ((await witnessState(witness.url)).alarm !== null) continue;
      const size = await cosignedSize(witness.url);
      expect(size).toBeGreaterThanOrEqual(forkSize);
      expect(size).toBeLessThanOrEqual(sizeB);
      const body = addCheckpointBody(
        size,
        consistencyProofOf(leavesB, size),
        signedCheckpoint(leavesB, sizeB, [nodeSigner(forkDataDir)]),
      );
      const answer = await addCheckpoint(witness.submissionUrl, body);
      // The same size with another root (409), or a root its verified replica contradicts (422).
      expect([409, 422], answer.text).toContain(answer.status);
    }
    for (const witness of network.witnesses) {
      const state = await until(async () => {
        const current = await witnessState(witness.url);
        return current.alarm !== null && current.alarm !== undefined ? current : undefined;
      }, `${witness.name}'s alarm`);
      expect(state.alarm).toBeTruthy();
      expect((await getJson(`${witness.url}/api/health`)).status).toBe(503);
    }
    // And B's fork is still not witnessed anywhere.
    const opened = await served("B");
    expect(opened === undefined || !opened.isWitnessed || opened.checkpoint.size <= forkSize).toBe(true);
  }, 90_000);
});
