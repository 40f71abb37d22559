// Witnessed checkpoints and receipts over a hand-built chain: the node signs checkpoints of its log (the block
// hashes) with its own key, three witnesses cosign, and a receipt verifies against the policy alone.
import { describe, expect, it } from "vitest";
import { signWithNodeCrypto } from "@/lib/crypto/ed25519";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { inclusionPath, inclusionPaths, merkleTreeHash } from "@/lib/ledger/merkle";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { ed25519NoteSigner, signNote, type NoteSigner } from "@/lib/ledger/log/note";
import { parsePolicy, type Policy } from "@/lib/ledger/log/policy";
import {
  cosignatureSkewMaxMs,
  openCheckpoint,
  verifyWitnessedReceipt,
  type WitnessedReceipt,
} from "@/lib/ledger/log/witnessed";
import { buildReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { buildChain } from "../../support/chain";
import { flipHexBit, mint, namedKey, payment, verifyNodeSync, type TestKey } from "../../support/keys";
import { noteErrorOf, testLogSigner, testWitness } from "../../support/log-keys";

const origin = "chainpay/chainpay-test";
const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");
const nowMs = Date.parse("2026-12-01T12:00:00.000Z");
const nowSeconds = nowMs / 1000;

function logSignerOf(key: TestKey, name = origin): NoteSigner {
  return ed25519NoteSigner(name, hexToBytes(key.publicKeyHex), (message) =>
    hexToBytes(signWithNodeCrypto(key.privateKey, message)),
  );
}
const nodeLog = testLogSigner(origin, {
  seed: new Uint8Array(0),
  publicKey: hexToBytes(node.publicKeyHex),
  publicKeyHex: node.publicKeyHex,
  sign: (message) => hexToBytes(signWithNodeCrypto(node.privateKey, message)),
});
const [w1, w2, w3] = ["w1.example", "w2.example", "w3.example"].map((name) => testWitness(name));
const stranger = testWitness("stranger.example");

const policyText = `log ${nodeLog.vkey}
witness w1 ${w1!.vkey} https://w1.example/
witness w2 ${w2!.vkey} https://w2.example/
witness w3 ${w3!.vkey} https://w3.example/
group witnesses 2 w1 w2 w3
quorum witnesses
`;
const policy = parsePolicy(policyText);
const nonePolicy = parsePolicy(`log ${nodeLog.vkey}\nquorum none\n`);

// Genesis, a block with a mint, a block with two payments, and one more empty block: a log of four leaves.
const chain = buildChain(node, [
  { transactions: [mint(node, alice, "1000")] },
  { transactions: [payment(alice, bob, "250"), payment(alice, bob, "5", { memo: "tip" })] },
  { transactions: [] },
]);
const leaves = chain.map((item) => hexToBytes(item.block.hash));
const checkpointText = formatCheckpoint({ origin, size: leaves.length, rootHash: merkleTreeHash(leaves) });
const paidBlock = chain[2]!;
const receipt: Receipt = buildReceipt({
  txId: paidBlock.transactions[1]!.txId,
  signed: { tx: paidBlock.transactions[1]!.tx, signature: paidBlock.transactions[1]!.signature },
  block: paidBlock.block,
  leafIndex: 1,
  path: inclusionPaths(paidBlock.transactions.map((item) => hexToBytes(item.txId)))[1]!,
  nodePublicKey: node.publicKeyHex,
});

function cosigned(signers: NoteSigner[], text = checkpointText): string {
  return signNote(text, [logSignerOf(node), ...signers]);
}

function witnessedReceipt(note: string): WitnessedReceipt {
  return {
    receipt,
    checkpoint: note,
    logProof: { leafIndex: 2, treeSize: leaves.length, path: inclusionPath(leaves, 2).map(bytesToHex) },
  };
}

describe("openCheckpoint", () => {
  it("is witnessed when two of three witnesses cosigned", () => {
    const note = cosigned([w1!.cosigner(nowSeconds - 60), w3!.cosigner(nowSeconds)]);
    const opened = openCheckpoint(note, policy, nowMs);
    expect(opened.isWitnessed).toBe(true);
    expect(opened.note).toBe(note);
    expect(opened.checkpoint.size).toBe(4);
    expect(opened.cosigners).toEqual([
      { name: "w1", timestampSeconds: nowSeconds - 60 },
      { name: "w3", timestampSeconds: nowSeconds },
    ]);
  });

  it("is not witnessed with one cosignature, and not with the node's signature alone", () => {
    expect(openCheckpoint(cosigned([w2!.cosigner(nowSeconds)]), policy, nowMs).isWitnessed).toBe(false);
    const alone = openCheckpoint(cosigned([]), policy, nowMs);
    expect(alone.isWitnessed).toBe(false);
    expect(alone.cosigners).toEqual([]);
  });

  it("is witnessed with the node's signature alone under quorum none", () => {
    expect(openCheckpoint(cosigned([]), nonePolicy, nowMs).isWitnessed).toBe(true);
  });

  it("ignores cosignatures of keys outside the policy", () => {
    const note = cosigned([stranger.cosigner(nowSeconds), w1!.cosigner(nowSeconds)]);
    const opened = openCheckpoint(note, policy, nowMs);
    expect(opened.cosigners.map((item) => item.name)).toEqual(["w1"]);
    expect(opened.isWitnessed).toBe(false);
    // Nor does a stranger's key named like a policy witness count.
    const impostor = testWitness("w2.example", stranger.key);
    expect(openCheckpoint(cosigned([impostor.cosigner(nowSeconds)]), policy, nowMs).cosigners).toEqual([]);
  });

  it("refuses the whole note when a policy witness's cosignature fails", () => {
    const wrongTime: NoteSigner = {
      ...w2!.cosigner(nowSeconds),
      sign: (text) => {
        const signature = w2!.cosigner(nowSeconds).sign(text);
        signature[7] = signature[7]! ^ 1;
        return signature;
      },
    };
    const note = cosigned([w1!.cosigner(nowSeconds), wrongTime, w3!.cosigner(nowSeconds)]);
    expect(noteErrorOf(() => openCheckpoint(note, policy, nowMs)).kind).toBe("invalid_signature");
  });

  it("refuses a cosignature from more than ten minutes ahead, and takes one exactly ten minutes ahead", () => {
    const aheadSeconds = nowSeconds + cosignatureSkewMaxMs / 1000;
    const edge = cosigned([w1!.cosigner(aheadSeconds), w2!.cosigner(0)]);
    expect(openCheckpoint(edge, policy, nowMs).isWitnessed).toBe(true);
    const future = cosigned([w1!.cosigner(aheadSeconds + 1), w2!.cosigner(nowSeconds)]);
    const error = noteErrorOf(() => openCheckpoint(future, policy, nowMs));
    expect(error.kind).toBe("invalid_signature");
    expect(error.message).toMatch(/w1 .*ahead of this clock/);
  });

  it("refuses a note the node's log key did not sign", () => {
    const witnessesOnly = signNote(checkpointText, [w1!.cosigner(nowSeconds), w2!.cosigner(nowSeconds)]);
    expect(noteErrorOf(() => openCheckpoint(witnessesOnly, policy, nowMs)).kind).toBe("unverified");
    const rogue = signNote(checkpointText, [logSignerOf(namedKey("rogue")), w1!.cosigner(nowSeconds)]);
    expect(noteErrorOf(() => openCheckpoint(rogue, policy, nowMs)).kind).toBe("unverified");
  });

  it("refuses a node signature that fails", () => {
    const forged: NoteSigner = { ...logSignerOf(node), sign: () => new Uint8Array(64) };
    const note = signNote(checkpointText, [forged, w1!.cosigner(nowSeconds), w2!.cosigner(nowSeconds)]);
    expect(noteErrorOf(() => openCheckpoint(note, policy, nowMs)).kind).toBe("invalid_signature");
  });

  it("refuses a checkpoint of another origin than the log key's name", () => {
    const otherText = formatCheckpoint({ origin: "other.example/log", size: 1, rootHash: new Uint8Array(32) });
    const note = signNote(otherText, [logSignerOf(node), w1!.cosigner(nowSeconds), w2!.cosigner(nowSeconds)]);
    expect(noteErrorOf(() => openCheckpoint(note, policy, nowMs)).kind).toBe("unverified");
  });

  it("refuses signed text that is no checkpoint", () => {
    const note = signNote(`${checkpointText}extension\n`, [logSignerOf(node)]);
    expect(noteErrorOf(() => openCheckpoint(note, nonePolicy, nowMs)).kind).toBe("malformed");
  });
});

describe("verifyWitnessedReceipt", () => {
  const note = cosigned([w1!.cosigner(nowSeconds), w2!.cosigner(nowSeconds)]);
  const verify = verifyNodeSync;

  it("accepts a receipt whose block is in the witnessed log, naming every check", async () => {
    const result = await verifyWitnessedReceipt(witnessedReceipt(note), policy, nowMs, verify);
    expect(result.checks.filter((item) => !item.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.cosigners.map((item) => item.name)).toEqual(["w1", "w2"]);
    expect(result.checks.map((item) => item.name)).toEqual([
      "The policy names one log key, the node's (Ed25519)",
      "The receipt names the node key you trust",
      "The transaction id is the SHA-256 of the transaction",
      "The payer signed this payment",
      "The transaction belongs to the block's chain",
      "The block hash is the SHA-256 of its header",
      "The node signed the block header",
      "The Merkle inclusion proof leads to the block's Merkle root",
      `The node signed the checkpoint of ${origin} at size 4`,
      "The checkpoint's origin is the name of the policy's log key",
      "A quorum of witnesses cosigned the checkpoint (2 of 3: w1, w2)",
      "The log proof's tree size is the checkpoint's size",
      "The block is leaf 2 of the witnessed log",
    ]);
  });

  it("accepts a receipt under quorum none", async () => {
    const result = await verifyWitnessedReceipt(witnessedReceipt(cosigned([])), nonePolicy, nowMs, verify);
    expect(result.ok).toBe(true);
    expect(result.checks.map((item) => item.name)).toContain("The policy needs no witness cosignature (quorum none)");
  });

  async function failedChecks(witnessed: WitnessedReceipt, withPolicy: Policy = policy): Promise<string[]> {
    const result = await verifyWitnessedReceipt(witnessed, withPolicy, nowMs, verify);
    expect(result.ok).toBe(false);
    return result.checks.filter((item) => !item.ok).map((item) => item.name);
  }

  it("fails the quorum when one witness cosigned", async () => {
    const one = witnessedReceipt(cosigned([w3!.cosigner(nowSeconds)]));
    expect(await failedChecks(one)).toEqual(["A quorum of witnesses cosigned the checkpoint (1 of 3: w3)"]);
  });

  it("fails a log proof of another tree size", async () => {
    const witnessed = witnessedReceipt(note);
    const proof = { leafIndex: 2, treeSize: 3, path: inclusionPath(leaves.slice(0, 3), 2).map(bytesToHex) };
    expect(await failedChecks({ ...witnessed, logProof: proof })).toEqual([
      "The log proof's tree size is the checkpoint's size",
      "The block is leaf 2 of the witnessed log",
    ]);
  });

  it("fails a log proof of another leaf, or with a changed hash", async () => {
    const witnessed = witnessedReceipt(note);
    const otherLeaf = { leafIndex: 1, treeSize: 4, path: inclusionPath(leaves, 1).map(bytesToHex) };
    expect(await failedChecks({ ...witnessed, logProof: otherLeaf })).toEqual([
      "The block is leaf 2 of the witnessed log",
    ]);
    const path = [...witnessed.logProof.path];
    path[0] = flipHexBit(path[0]!, 0);
    expect(await failedChecks({ ...witnessed, logProof: { ...witnessed.logProof, path } })).toEqual([
      "The block is leaf 2 of the witnessed log",
    ]);
    const malformed = { ...witnessed.logProof, path: ["not hex", ...witnessed.logProof.path.slice(1)] };
    expect(await failedChecks({ ...witnessed, logProof: malformed })).toEqual([
      "The block is leaf 2 of the witnessed log",
    ]);
  });

  it("fails a block the log does not hold (another chain's block at that height)", async () => {
    const otherChain = buildChain(node, [{ transactions: [] }, { transactions: [] }, { transactions: [] }]);
    const witnessed = witnessedReceipt(note);
    const foreign = { ...receipt, block: otherChain[2]!.block };
    const failed = await failedChecks({ ...witnessed, receipt: foreign });
    expect(failed).toContain("The block is leaf 2 of the witnessed log");
  });

  it("fails a tampered receipt on the receipt's own check", async () => {
    const witnessed = witnessedReceipt(note);
    const tampered = { ...receipt, signature: flipHexBit(receipt.signature, 3) };
    expect(await failedChecks({ ...witnessed, receipt: tampered })).toEqual(["The payer signed this payment"]);
  });

  it("fails a checkpoint the node did not sign, naming why", async () => {
    const rogue = signNote(checkpointText, [logSignerOf(namedKey("rogue")), w1!.cosigner(nowSeconds)]);
    const failed = await failedChecks(witnessedReceipt(rogue));
    expect(failed[0]).toMatch(/^The node signed the checkpoint \(/);
    expect(failed).toContain("A quorum of witnesses cosigned the checkpoint (0 of 3: none)");
  });

  it("fails a checkpoint that is not text", async () => {
    const witnessed = { ...witnessedReceipt(note), checkpoint: 42 as unknown as string };
    const failed = await failedChecks(witnessed);
    expect(failed[0]).toBe("The node signed the checkpoint (the checkpoint is not a signed note's text)");
  });

  it("fails a checkpoint with a cosignature from the future", async () => {
    const future = cosigned([w1!.cosigner(nowSeconds + 3600), w2!.cosigner(nowSeconds)]);
    const failed = await failedChecks(witnessedReceipt(future));
    expect(failed[0]).toMatch(/ahead of this clock/);
  });

  it("fails a policy without exactly one Ed25519 log key", async () => {
    const twoLogs = parsePolicy(
      `log ${nodeLog.vkey}\nlog ${testLogSigner(origin).vkey}\n${policyText.split("\n").slice(1).join("\n")}`,
    );
    const failed = await failedChecks(witnessedReceipt(note), twoLogs);
    expect(failed[0]).toBe("The policy names one log key, the node's (Ed25519)");
    const noLog = parsePolicy(policyText.split("\n").slice(1).join("\n"));
    expect(await failedChecks(witnessedReceipt(note), noLog)).toContain(
      "The policy names one log key, the node's (Ed25519)",
    );
  });
});
