// `npm run verify` for v2's witnessed log, as a process against a real node with `quorum none`: the node's newest
// checkpoint is checked against the chain the verifier synced, a witnessed receipt verifies offline, a tampered
// one fails naming the check, and usage errors exit 2.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { verifyWitnessedReceipt, type WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import type { Receipt } from "@/lib/ledger/types";
import { testLogSigner } from "../unit/support/log-keys";
import { adminToken } from "../support/node";
import { getJson, postJson, runScript, startFreshServer, type RunningServer } from "../support/server";
import { makeWallet, signPayment } from "../support/wallet";

const runVerify = (...args: string[]) => runScript("verify.ts", args);
const directory = mkdtempSync(path.join(tmpdir(), "verify-witnessed-"));
const fileOf = (name: string, text: string) => {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
};

let server: RunningServer;
let policyText: string;
let policyFile: string;
let witnessed: WitnessedReceipt;

async function text(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, text: await response.text() };
}

/** Polls `read` until it answers something, for at most 30 s: the node cosigns a little after it seals. */
async function eventually<T>(read: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  server = await startFreshServer("verify-witnessed", {
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
    COSIGN_INTERVAL_MS: "200",
  });
  const payer = makeWallet();
  expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  let last: Receipt | null = null;
  for (let index = 0; index < 3; index++) {
    const answer = await postJson(`${server.url}/api/payments`, signPayment(payer, makeWallet().publicKey, "25"));
    expect(answer.status).toBe(201);
    last = (answer.body as { receipt: Receipt }).receipt;
  }
  const headSize = last!.block.header.height + 1;
  // The newest checkpoint covers the whole chain once the cosigning loop has caught up.
  await eventually(async () => {
    const answer = await text(`${server.url}/api/log/checkpoint`);
    return answer.status === 200 && answer.text.split("\n")[1] === String(headSize) ? answer.text : null;
  });
  policyText = (await text(`${server.url}/api/log/policy`)).text;
  policyFile = fileOf("policy.txt", policyText);
  witnessed = await eventually(async () => {
    const answer = await getJson(`${server.url}/api/transactions/${last!.txId}/witnessed`);
    return answer.status === 200 ? (answer.body as { witnessed: WitnessedReceipt }).witnessed : null;
  });
});

afterAll(async () => {
  await server?.stop();
});

describe("npm run verify -- <url> --policy", () => {
  it("verifies the chain and that the node's newest checkpoint is its log, witnessed under quorum none", async () => {
    const run = await runVerify(server.url, "--policy", policyFile);
    expect(run.output).toContain("  ok: The checkpoint is witnessed: its cosigners (none) satisfy quorum none");
    expect(run.output).toMatch(
      / {2}ok: The checkpoint's root is the log root computed over the verified blocks 0 to \d+/,
    );
    expect(run.output).toMatch(
      /checkpoint: size \d+, root [0-9a-f]{64}, no cosigners; it lags the verified head by \d+ blocks/,
    );
    expect(run.output).toMatch(
      /OK: \d+ blocks and 4 transactions verify .*; its checkpoint of size \d+ is witnessed under quorum none/,
    );
    expect(run.output).not.toContain("FAILED");
    expect(run.code).toBe(0);
  });

  it("fails a node whose key is not the policy's log key", async () => {
    const stranger = testLogSigner(policyText.split("\n")[0]!.split(" ")[1]!.split("+")[0]!);
    const run = await runVerify(server.url, "--policy", fileOf("stranger.txt", `log ${stranger.vkey}\nquorum none\n`));
    expect(run.output).toContain("FAILED");
    expect(run.code).toBe(1);
  });
});

describe("npm run verify -- --receipt <witnessed.json> --policy", () => {
  it("verifies the route's answer offline, every check on its own line", async () => {
    const run = await runVerify(
      "--receipt",
      fileOf("witnessed.json", JSON.stringify({ witnessed })),
      "--policy",
      policyFile,
    );
    expect(run.output).toContain("OK: the witnessed receipt verifies under quorum none (no cosigners)");
    expect(run.output).not.toContain("FAILED");
    expect(run.code).toBe(0);
  });

  it.each<[string, (value: WitnessedReceipt) => WitnessedReceipt]>([
    ["the amount raised", (w) => ({ ...w, receipt: { ...w.receipt, tx: { ...w.receipt.tx, amount: "2500" } } })],
    [
      "the log proof's leaf index moved",
      (w) => ({ ...w, logProof: { ...w.logProof, leafIndex: w.logProof.leafIndex - 1 } }),
    ],
  ])("fails a witnessed receipt with %s, naming the failed check (exit 1)", async (_name, tamper) => {
    const tampered = tamper(witnessed);
    const expected = await verifyWitnessedReceipt(tampered, parsePolicy(policyText), Date.now(), verifyWithWebCrypto);
    const failed = expected.checks.find((check) => !check.ok);
    expect(failed).toBeDefined();
    const run = await runVerify("--receipt", fileOf("tampered.json", JSON.stringify(tampered)), "--policy", policyFile);
    expect(run.output).toContain(`FAILED: ${failed!.name}`);
    expect(run.output).toContain(`FAILED: the witnessed receipt does not verify: ${failed!.name}`);
    expect(run.code).toBe(1);
  });

  it("fails a file that is not a witnessed receipt (exit 1)", async () => {
    const run = await runVerify(
      "--receipt",
      fileOf("receipt.json", JSON.stringify(witnessed.receipt)),
      "--policy",
      policyFile,
    );
    expect(run.output).toContain("FAILED: the receipt file is not a witnessed receipt: ");
    expect(run.code).toBe(1);
  });
});

describe("npm run verify usage errors exit 2", () => {
  it.each<[string, () => string[], string]>([
    ["--receipt without --policy", () => ["--receipt", policyFile], "usage:"],
    ["--receipt beside a url", () => [server.url, "--receipt", policyFile, "--policy", policyFile], "usage:"],
    [
      "--receipt beside --node-key",
      () => ["--receipt", policyFile, "--policy", policyFile, "--node-key", "a".repeat(64)],
      "usage:",
    ],
    [
      "--file beside --policy",
      () => ["--file", policyFile, "--node-key", "a".repeat(64), "--policy", policyFile],
      "usage:",
    ],
    [
      "a policy file that does not exist",
      () => [server.url, "--policy", path.join(directory, "missing.txt")],
      "error: the policy",
    ],
    [
      "a policy that does not parse",
      () => [server.url, "--policy", fileOf("bad.txt", "quorum\n")],
      "error: the policy",
    ],
    [
      "a policy with no log line",
      () => [server.url, "--policy", fileOf("nolog.txt", "quorum none\n")],
      "error: the policy",
    ],
    [
      "a receipt file that does not exist",
      () => ["--receipt", path.join(directory, "missing.json"), "--policy", policyFile],
      "error: the receipt",
    ],
  ])("%s", async (_name, args, message) => {
    const run = await runVerify(...args());
    expect(run.output).toContain(message);
    expect(run.code).toBe(2);
  });
});
