// A node and 3 witnesses at 2-of-3, as real processes: witnessed checkpoints and witnessed receipts that verify
// offline and with `npm run verify`, a witness killed mid-run that never cosigns a smaller or inconsistent tree, and
// a stopped witness that slows no payment.
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { bytesToHex } from "@/lib/ledger/hex";
import { formatVerifierKey } from "@/lib/ledger/log/note";
import type { Policy } from "@/lib/ledger/log/policy";
import { openCheckpoint, verifyWitnessedReceipt, type WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import type { Receipt } from "@/lib/ledger/types";
import { getJson, postJson, runScript } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { startWitnessedNetwork, type WitnessedNetwork } from "../../support/witnessed-network";
import { cosignedSize, logLeaves, servedPolicy, testOrigin, textOf, until } from "../../support/witnessed-log";

let network: WitnessedNetwork;
let policy: Policy;
let policyText: string;
const payer = makeWallet();
const payee = makeWallet();

async function pay(amount = "1"): Promise<{ receipt: Receipt; ms: number }> {
  const started = performance.now();
  const response = await postJson(`${network.nodeUrl}/api/payments`, signPayment(payer, payee.publicKey, amount));
  const ms = performance.now() - started;
  expect(response.status).toBe(201);
  return { receipt: (response.body as { receipt: Receipt }).receipt, ms };
}

/** The node's newest witnessed checkpoint, opened under its own policy; undefined while there is none. */
async function witnessedCheckpoint() {
  const { status, contentType, text } = await textOf(`${network.nodeUrl}/api/log/checkpoint`);
  if (status !== 200) return undefined;
  expect(contentType).toBe("text/plain; charset=utf-8");
  return openCheckpoint(text, policy, Date.now());
}

/** Waits for a witnessed checkpoint that covers block `height`. */
async function witnessedCovering(height: number) {
  return until(
    async () => {
      const opened = await witnessedCheckpoint();
      return opened !== undefined && opened.isWitnessed && opened.checkpoint.size > height ? opened : undefined;
    },
    () => `a witnessed checkpoint covering block ${height}; the node said:\n${network.nodeOutput().slice(-3000)}`,
    45_000,
  );
}

beforeAll(async () => {
  network = await startWitnessedNetwork({ name: "witnessed-flow", witnesses: 3, quorum: 2 });
  expect((await postJson(`${network.nodeUrl}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  ({ text: policyText, policy } = await servedPolicy(network.nodeUrl));
}, 300_000);

afterAll(async () => {
  await network?.stop();
});

describe("a node and 3 witnesses at 2-of-3", () => {
  it("serves its policy: its own log line first, then the operator's witnesses, group and quorum", async () => {
    const node = (await getJson(`${network.nodeUrl}/api/node`)).body as { log: { origin: string; vkey: string } };
    expect(node.log.origin).toBe(testOrigin);
    expect(policyText).toBe(`log ${node.log.vkey}\n${network.policyText}`);
    expect(policy.witnesses.map((witness) => witness.name)).toEqual(["w1", "w2", "w3"]);
    expect(policy.witnesses.map((witness) => witness.key.vkey)).toEqual(network.witnesses.map((w) => w.vkey));
  });

  it("reaches witnessed checkpoints: at least 2 valid cosignatures on the log's true root", async () => {
    const { receipt } = await pay("10");
    const opened = await witnessedCovering(receipt.block.header.height);
    expect(opened.checkpoint.origin).toBe(testOrigin);
    expect(opened.cosigners.length).toBeGreaterThanOrEqual(2);
    for (const cosigner of opened.cosigners) expect(["w1", "w2", "w3"]).toContain(cosigner.name);
    expect(new Set(opened.cosigners.map((cosigner) => cosigner.name)).size).toBe(opened.cosigners.length);
    const leaves = await logLeaves(network.nodeUrl, opened.checkpoint.size);
    expect(bytesToHex(opened.checkpoint.rootHash)).toBe(bytesToHex(merkleTreeHash(leaves)));
    // Each witness that cosigned says so itself.
    for (const cosigner of opened.cosigners) {
      const witness = network.witnesses.find((candidate) => candidate.name === cosigner.name)!;
      expect(await cosignedSize(witness.url)).toBeGreaterThanOrEqual(opened.checkpoint.size);
    }
  });

  it("answers a witnessed receipt that verifies offline and with npm run verify --receipt --policy", async () => {
    const { receipt } = await pay("25");
    const witnessed = await until(
      async () => {
        const response = await getJson(`${network.nodeUrl}/api/transactions/${receipt.txId}/witnessed`);
        return response.status === 200 ? (response.body as { witnessed: WitnessedReceipt }).witnessed : undefined;
      },
      "the payment's witnessed receipt",
      45_000,
    );
    expect(witnessed.receipt).toEqual(receipt);
    expect(witnessed.logProof.leafIndex).toBe(receipt.block.header.height);
    const verified = await verifyWitnessedReceipt(witnessed, policy, Date.now(), verifyWithWebCrypto);
    expect(verified.checks.filter((check) => !check.ok)).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.cosigners.length).toBeGreaterThanOrEqual(2);

    const receiptFile = path.join(network.nodeDataDir, "witnessed-receipt.json");
    const policyFile = path.join(network.nodeDataDir, "served-policy.txt");
    writeFileSync(receiptFile, JSON.stringify(witnessed));
    writeFileSync(policyFile, policyText);
    const run = await runScript("verify.ts", ["--receipt", receiptFile, "--policy", policyFile]);
    expect(run.output).not.toMatch(/FAILED/);
    expect(run.code).toBe(0);

    // The same receipt against a policy of other witnesses is not witnessed; a changed amount is not valid.
    const strangers = ["w1", "w2", "w3"].map((name) => {
      const raw = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!;
      return `witness ${name} ${formatVerifierKey(name, 0x04, new Uint8Array(Buffer.from(raw, "base64url")))} http://127.0.0.1:9/api/witness`;
    });
    const strangerPolicy = path.join(network.nodeDataDir, "stranger-policy.txt");
    writeFileSync(
      strangerPolicy,
      [policyText.split("\n")[0], ...strangers, "group g 2 w1 w2 w3", "quorum g", ""].join("\n"),
    );
    const unwitnessed = await runScript("verify.ts", ["--receipt", receiptFile, "--policy", strangerPolicy]);
    expect(unwitnessed.code).toBe(1);
    const forged = { ...witnessed, receipt: { ...witnessed.receipt, tx: { ...witnessed.receipt.tx, amount: "2500" } } };
    const forgedFile = path.join(network.nodeDataDir, "forged-receipt.json");
    writeFileSync(forgedFile, JSON.stringify(forged));
    expect((await verifyWitnessedReceipt(forged, policy, Date.now(), verifyWithWebCrypto)).ok).toBe(false);
    expect((await runScript("verify.ts", ["--receipt", forgedFile, "--policy", policyFile])).code).toBe(1);
  }, 120_000);

  it("a witness killed (SIGKILL) mid-run and restarted never cosigns a smaller or inconsistent tree", async () => {
    const seen = new Map<string, { size: number; root: string }[]>();
    const witnessSizes = new Map<string, number[]>();
    let recording = true;
    const record = async () => {
      while (recording) {
        const opened = await witnessedCheckpoint().catch(() => undefined);
        if (opened !== undefined) {
          for (const cosigner of opened.cosigners) {
            const list = seen.get(cosigner.name) ?? [];
            list.push({ size: opened.checkpoint.size, root: bytesToHex(opened.checkpoint.rootHash) });
            seen.set(cosigner.name, list);
          }
        }
        for (const witness of network.witnesses) {
          const size = await cosignedSize(witness.url).catch(() => null);
          if (size !== null) witnessSizes.set(witness.name, [...(witnessSizes.get(witness.name) ?? []), size]);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const recorder = record();
    try {
      const [w1] = network.witnesses;
      for (let index = 0; index < 3; index++) await pay();
      await until(async () => ((await cosignedSize(w1!.url)) >= 3 ? true : undefined), "w1 to cosign");
      await w1!.kill();
      let last = (await pay()).receipt;
      for (let index = 0; index < 3; index++) last = (await pay()).receipt;
      // The other two keep the log witnessed while w1 is down.
      await witnessedCovering(last.block.header.height);
      await w1!.start();
      for (let index = 0; index < 3; index++) last = (await pay()).receipt;
      const height = last.block.header.height;
      await until(
        async () => ((await cosignedSize(w1!.url)) > height ? true : undefined),
        () => `w1 to cosign block ${height} after its restart; it said:\n${w1!.output().slice(-3000)}`,
        45_000,
      );
      await witnessedCovering(height);
    } finally {
      recording = false;
      await recorder;
    }
    const finalSize = Math.max(...[...seen.values()].flat().map((entry) => entry.size));
    const leaves = await logLeaves(network.nodeUrl, finalSize);
    expect(seen.get("w1")?.length ?? 0).toBeGreaterThan(0);
    for (const [name, entries] of seen) {
      for (let index = 1; index < entries.length; index++)
        expect(entries[index]!.size, `${name} cosigned a smaller tree`).toBeGreaterThanOrEqual(
          entries[index - 1]!.size,
        );
      for (const entry of entries)
        expect(entry.root, `${name} at ${entry.size}`).toBe(bytesToHex(merkleTreeHash(leaves.slice(0, entry.size))));
    }
    for (const [name, sizes] of witnessSizes) {
      for (let index = 1; index < sizes.length; index++)
        expect(sizes[index]!, `${name}'s cosigned size went back`).toBeGreaterThanOrEqual(sizes[index - 1]!);
    }
  }, 150_000);

  it("a stopped witness slows nothing: payments answer 201 as fast, and the other two still make the quorum", async () => {
    const up: number[] = [];
    for (let index = 0; index < 10; index++) up.push((await pay()).ms);
    const w3 = network.witnesses[2]!;
    await w3.stop();
    try {
      const down: number[] = [];
      let last: Receipt | null = null;
      for (let index = 0; index < 10; index++) {
        const paid = await pay();
        down.push(paid.ms);
        last = paid.receipt;
        expect(paid.ms).toBeLessThan(5_000);
      }
      const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
      // Loose: a witness that is down must not put its connection timeouts into the payments' path.
      expect(total(down)).toBeLessThan(total(up) * 4 + 2_000);
      const opened = await witnessedCovering(last!.block.header.height);
      expect(opened.cosigners.map((cosigner) => cosigner.name).sort()).toEqual(["w1", "w2"]);
    } finally {
      await w3.start();
    }
  }, 120_000);
});
