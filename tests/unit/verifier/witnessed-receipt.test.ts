// `npm run verify -- --receipt`'s core (lib/verifier/witnessed/witnessed-receipt-file.ts): a witnessed receipt's
// file verified offline against a policy, valid ones passing and each kind of tampering failing with a named check.
import { describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { PolicyError } from "@/lib/ledger/log/policy";
import type { WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import { readPolicyText, verifyWitnessedFile } from "@/lib/verifier/witnessed/witnessed-receipt-file";
import { flipHexBit } from "../support/keys";
import { checkpointNote, nodeLog, policyOf, witnessSigner, witnessedReceipt } from "./witnessed-fixtures";

const nowMs = Date.parse("2026-12-01T12:00:00.000Z");
const nowSeconds = nowMs / 1000;
const policy = policyOf(2, "alpha.example/witness");
const note = checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds - 30)]);
const valid = witnessedReceipt(2, 1, 5, note);

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const verifyValue = (value: unknown) => verifyWitnessedFile(bytesOf(value), policy, nowMs, verifyWithWebCrypto);

describe("verifyWitnessedFile on valid files", () => {
  it("passes a witnessed receipt, naming its cosigner, every check passing", async () => {
    const report = await verifyValue(valid);
    expect(report.problems).toEqual([]);
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      cosigners: [{ name: "alpha.example/witness", timestampSeconds: nowSeconds - 30 }],
    });
  });

  it("passes what the route answers: the witnessed receipt inside {witnessed}", async () => {
    expect((await verifyValue({ witnessed: valid })).ok).toBe(true);
  });

  it("passes a receipt in the block at the log's last leaf", async () => {
    expect((await verifyValue(witnessedReceipt(4, 0, 5, note))).ok).toBe(true);
  });
});

describe("verifyWitnessedFile on tampered receipts: a check fails", () => {
  const tampered: [string, (witnessed: WitnessedReceipt) => unknown][] = [
    ["the amount raised", (w) => ({ ...w, receipt: { ...w.receipt, tx: { ...w.receipt.tx, amount: "999" } } })],
    ["the log proof's leaf index moved", (w) => ({ ...w, logProof: { ...w.logProof, leafIndex: 3 } })],
    ["the log proof's tree size not the checkpoint's", (w) => ({ ...w, logProof: { ...w.logProof, treeSize: 4 } })],
    [
      "a bit of the log proof flipped",
      (w) => ({
        ...w,
        logProof: { ...w.logProof, path: [flipHexBit(w.logProof.path[0]!, 0), ...w.logProof.path.slice(1)] },
      }),
    ],
    ["a checkpoint the quorum did not cosign", (w) => ({ ...w, checkpoint: checkpointNote(5, [nodeLog.signer]) })],
    [
      "a checkpoint of another root",
      (w) => ({
        ...w,
        checkpoint: checkpointNote(5, [nodeLog.signer, witnessSigner(0, nowSeconds)], new Uint8Array(32)),
      }),
    ],
  ];

  it.each(tampered)("%s", async (_name, tamper) => {
    const report = await verifyValue(tamper(valid));
    expect(report.ok).toBe(false);
    const isNamed = report.checks.some((check) => !check.ok) || report.problems.length > 0;
    expect(isNamed).toBe(true);
  });

  it("fails a checkpoint whose known cosignature does not verify, naming the checkpoint", async () => {
    const forged = note.replace(
      /— alpha\.example\/witness (\S{10})(\S)/,
      (_line, head: string, next: string) => `— alpha.example/witness ${head}${next === "A" ? "B" : "A"}`,
    );
    expect(forged).not.toBe(note);
    const report = await verifyValue({ ...valid, checkpoint: forged });
    expect(report.ok).toBe(false);
  });
});

describe("verifyWitnessedFile on files that are not witnessed receipts", () => {
  it.each<[string, Uint8Array, string]>([
    ["not JSON", new TextEncoder().encode("{"), "the receipt file is not JSON"],
    ["an array", bytesOf([valid]), "the receipt file is JSON but not an object: it is an array"],
    ["not UTF-8", new Uint8Array([0xff, 0xfe]), "the receipt file is not UTF-8 text, so not JSON"],
  ])("%s", async (_name, bytes, problem) => {
    const report = await verifyWitnessedFile(bytes, policy, nowMs, verifyWithWebCrypto);
    expect(report).toEqual({ ok: false, checks: [], cosigners: [], problems: [problem] });
  });

  it.each<[string, unknown]>([
    ["an unknown field", { ...valid, extra: 1 }],
    ["no log proof", { receipt: valid.receipt, checkpoint: valid.checkpoint }],
    [
      "a log proof path of 64 hashes",
      { ...valid, logProof: { ...valid.logProof, path: Array(64).fill("a".repeat(64)) } },
    ],
    ["a negative leaf index", { ...valid, logProof: { ...valid.logProof, leafIndex: -1 } }],
  ])("%s", async (_name, value) => {
    const report = await verifyValue(value);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^the receipt file is not a witnessed receipt: /);
  });
});

describe("readPolicyText", () => {
  it("reads a policy with its log line", () => {
    expect(readPolicyText(`log ${nodeLog.vkey}\nquorum none\n`).quorum).toBe("none");
  });

  it("refuses a policy with no log line: it names no node key to trust", () => {
    expect(() => readPolicyText("quorum none\n")).toThrow(PolicyError);
  });
});
