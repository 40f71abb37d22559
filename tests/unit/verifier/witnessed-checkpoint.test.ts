// The verifier's check of a node's newest checkpoint (lib/verifier/witnessed/node-checkpoint.ts): witnessed under
// the policy it is given, and the log root of the very chain it has verified, with its lag behind the head.
import { describe, expect, it } from "vitest";
import { hashLeaf } from "@/lib/ledger/merkle";
import { checkNodeCheckpoint, type SyncedLog } from "@/lib/verifier/witnessed/node-checkpoint";
import { testLogSigner, ed25519KeyNamed } from "../support/log-keys";
import { chain, checkpointNote, leaves, nodeLog, origin, policyOf, witnessSigner } from "./witnessed-fixtures";

const nowMs = Date.parse("2026-12-01T12:00:00.000Z");
const nowSeconds = nowMs / 1000;
const synced: SyncedLog = {
  blockHashes: leaves,
  blockTimestamps: chain.map((block) => block.block.header.timestamp),
};
const failedNames = (report: ReturnType<typeof checkNodeCheckpoint>) =>
  report.checks.filter((check) => !check.ok).map((check) => check.name);

describe("checkNodeCheckpoint under quorum none", () => {
  const policy = policyOf(0, "none");

  it("passes a checkpoint of the whole chain signed by the node, up to date", () => {
    const report = checkNodeCheckpoint(checkpointNote(5, [nodeLog.signer]), policy, synced, nowMs);
    expect(failedNames(report)).toEqual([]);
    expect(report).toMatchObject({ ok: true, size: 5, cosigners: [], lagBlocks: 0, lagSeconds: 0 });
    expect(report.checks.map((check) => check.name)).toEqual([
      "The node has a witnessed checkpoint (GET /api/log/checkpoint)",
      "The checkpoint carries the node's valid signature under the policy's log key",
      "The checkpoint is witnessed: its cosigners (none) satisfy quorum none",
      "The checkpoint's size 5 is at most the verified chain's size 5 (head height + 1)",
      "The checkpoint's root is the log root computed over the verified blocks 0 to 4",
    ]);
  });

  it("reports the lag of an older checkpoint in blocks and in seconds of block time", () => {
    const report = checkNodeCheckpoint(checkpointNote(3, [nodeLog.signer]), policy, synced, nowMs);
    expect(report).toMatchObject({ ok: true, size: 3, lagBlocks: 2, lagSeconds: 2 });
  });

  it("fails when the node has no checkpoint at all", () => {
    const report = checkNodeCheckpoint(null, policy, synced, nowMs);
    expect(report.ok).toBe(false);
    expect(failedNames(report)).toEqual(["The node has a witnessed checkpoint (GET /api/log/checkpoint)"]);
  });

  it("fails a checkpoint whose root is not the verified chain's log root", () => {
    const otherRoot = hashLeaf(new Uint8Array(32));
    const report = checkNodeCheckpoint(checkpointNote(5, [nodeLog.signer], otherRoot), policy, synced, nowMs);
    expect(failedNames(report)).toEqual([
      "The checkpoint's root is the log root computed over the verified blocks 0 to 4",
    ]);
  });

  it("fails a checkpoint larger than the chain it verified, without computing a root", () => {
    const note = checkpointNote(5, [nodeLog.signer]);
    const report = checkNodeCheckpoint(note, policy, { blockHashes: leaves.slice(0, 4), blockTimestamps: [] }, nowMs);
    expect(failedNames(report)).toEqual([
      "The checkpoint's size 5 is at most the verified chain's size 4 (head height + 1)",
    ]);
    expect(report.lagBlocks).toBeNull();
  });

  it("fails a checkpoint signed by another key than the policy's log key", () => {
    const stranger = testLogSigner(origin, ed25519KeyNamed("another node"));
    const report = checkNodeCheckpoint(checkpointNote(5, [stranger.signer]), policy, synced, nowMs);
    expect(report.ok).toBe(false);
    expect(failedNames(report)).toHaveLength(1);
    expect(failedNames(report)[0]).toMatch(/^The checkpoint opens under the policy/);
  });
});

describe("checkNodeCheckpoint under a witness quorum", () => {
  const policy = policyOf(3, "two", ["group two 2 alpha.example/witness beta.example/witness gamma.example/witness"]);

  it("passes a checkpoint two of the three witnesses cosigned, naming them", () => {
    const note = checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds - 60), witnessSigner(2, nowSeconds)]);
    const report = checkNodeCheckpoint(note, policy, synced, nowMs);
    expect(failedNames(report)).toEqual([]);
    expect(report.cosigners).toEqual([
      { name: "alpha.example/witness", timestampSeconds: nowSeconds - 60 },
      { name: "gamma.example/witness", timestampSeconds: nowSeconds },
    ]);
  });

  it("fails a checkpoint one witness cosigned: the quorum is not met", () => {
    const note = checkpointNote(5, [nodeLog.signer, witnessSigner(1, nowSeconds)]);
    expect(failedNames(checkNodeCheckpoint(note, policy, synced, nowMs))).toEqual([
      "The checkpoint is witnessed: its cosigners (beta.example/witness) satisfy quorum two",
    ]);
  });

  it("ignores a cosignature from a witness the policy does not name", () => {
    const outsider = policyOf(1, "alpha.example/witness");
    const note = checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds), witnessSigner(1, nowSeconds)]);
    const report = checkNodeCheckpoint(note, outsider, synced, nowMs);
    expect(failedNames(report)).toEqual([]);
    expect(report.cosigners.map((cosigner) => cosigner.name)).toEqual(["alpha.example/witness"]);
  });

  it("fails a note with a cosignature from more than 10 minutes in the future", () => {
    const note = checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds + 601), witnessSigner(1, nowSeconds)]);
    const report = checkNodeCheckpoint(note, policy, synced, nowMs);
    expect(report.ok).toBe(false);
    expect(failedNames(report)[0]).toMatch(/^The checkpoint opens under the policy/);
  });

  it("fails a note where a known witness's cosignature does not verify", () => {
    const note = checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds), witnessSigner(1, nowSeconds)]);
    // The last signature line is beta's: change one base64 character of its signature bytes.
    const lines = note.split("\n");
    const last = lines.at(-2)!;
    const index = last.length - 5;
    lines[lines.length - 2] = `${last.slice(0, index)}${last[index] === "A" ? "B" : "A"}${last.slice(index + 1)}`;
    const report = checkNodeCheckpoint(lines.join("\n"), policy, synced, nowMs);
    expect(report.ok).toBe(false);
    expect(failedNames(report)[0]).toMatch(/^The checkpoint opens under the policy/);
  });
});
