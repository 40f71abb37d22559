// The cosigning loop through the real server against fake witnesses: two honest ones (one that first answers 409
// with its size), one that refuses with 422, one that is down and one that never answers, under a 2-of-5 quorum.
// Cosignatures are stored and served, the 409 is retried from the size it names, refusals and evidence are
// recorded, and the slow witness delays no payment.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosignatureVerifier } from "@/lib/ledger/log/cosignature";
import { ed25519NoteVerifier, openNote } from "@/lib/ledger/log/note";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { openCheckpoint, verifyWitnessedReceipt, type WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import type { SignedBlock } from "@/lib/ledger/types";
import { freshDatabaseUrl, rawQuery } from "../../support/database";
import { makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, freePort, getJson, postJson, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment, type TestWallet } from "../../support/wallet";
import { testWitness } from "../../unit/support/log-keys";
import { honestAnswer, startFakeWitness, type FakeWitness } from "./fake-witness";
import { eventually, getText, openServedCheckpoint, provesBlock } from "./support";

let server: RunningServer;
let databaseUrl: string;
let payer: TestWallet;
const witnesses: Record<"good" | "retry" | "refuser" | "slow", FakeWitness> = {} as never;
let downUrl: string;

beforeAll(async () => {
  ensureBuilt();
  witnesses.good = await startFakeWitness("good.example", honestAnswer(0));
  // It holds size 1 already (genesis): the node's first `old 0` gets its 409 and is sent again from 1.
  witnesses.retry = await startFakeWitness("retry.example", honestAnswer(1));
  witnesses.refuser = await startFakeWitness("refuser.example", () => ({
    status: 422,
    body: "block 0 breaks a rule\n",
  }));
  witnesses.slow = await startFakeWitness("slow.example", () => "hang");
  downUrl = `http://127.0.0.1:${await freePort()}/witness`;
  const down = testWitness("down.example");
  const dataDir = makeDataDir("log-cosigning");
  const policyFile = path.join(dataDir, "..", `${path.basename(dataDir)}-policy.txt`);
  writeFileSync(
    policyFile,
    [
      `witness good ${witnesses.good.witness.vkey} ${witnesses.good.url}`,
      `witness retry ${witnesses.retry.witness.vkey} ${witnesses.retry.url}`,
      `witness refuser ${witnesses.refuser.witness.vkey} ${witnesses.refuser.url}`,
      `witness slow ${witnesses.slow.witness.vkey} ${witnesses.slow.url}`,
      `witness down ${down.vkey} ${downUrl}`,
      "group two 2 good retry refuser slow down",
      "quorum two",
      "",
    ].join("\n"),
  );
  databaseUrl = await freshDatabaseUrl(dataDir, "log_cosigning");
  server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHAIN_ID: testChainId,
    WITNESS_POLICY: policyFile,
    COSIGN_INTERVAL_MS: "50",
  });
  payer = makeWallet();
  expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all(Object.values(witnesses).map((witness) => witness.close()));
});

type NodeAnswer = { head: SignedBlock; log: { origin: string; vkey: string; size: number } };

async function logSize(): Promise<number> {
  return ((await getJson(`${server.url}/api/node`)).body as NodeAnswer).log.size;
}

describe("the cosigning loop with a 2-of-5 policy", () => {
  it("serves the policy with the node's log line first and the operator's witnesses", async () => {
    const { log } = (await getJson(`${server.url}/api/node`)).body as NodeAnswer;
    const policy = await getText(`${server.url}/api/log/policy`);
    expect(policy.status).toBe(200);
    expect(policy.text.split("\n")).toEqual([
      `log ${log.vkey}`,
      `witness good ${witnesses.good.witness.vkey} ${witnesses.good.url}`,
      `witness retry ${witnesses.retry.witness.vkey} ${witnesses.retry.url}`,
      `witness refuser ${witnesses.refuser.witness.vkey} ${witnesses.refuser.url}`,
      `witness slow ${witnesses.slow.witness.vkey} ${witnesses.slow.url}`,
      expect.stringMatching(/^witness down \S+ http:\/\/127\.0\.0\.1:\d+\/witness$/),
      "group two 2 good retry refuser slow down",
      "quorum two",
      "",
    ]);
  });

  it("answers payments at once while a witness never answers, and the witnessed log catches up", async () => {
    const txIds: string[] = [];
    // The process's first payment warms its verify workers and connections up: it is not timed.
    expect((await postJson(`${server.url}/api/payments`, signPayment(payer, makeWallet().publicKey, "5"))).status).toBe(
      201,
    );
    for (let index = 0; index < 5; index += 1) {
      const startedMs = Date.now();
      const answer = await postJson(`${server.url}/api/payments`, signPayment(payer, makeWallet().publicKey, "5"));
      expect(answer.status).toBe(201);
      // The slow witness holds each request for its 5 s timeout: a payment that waited for it would take that
      // long; on this shared machine a payment takes well under a second, so 4 s tells the two apart.
      expect(Date.now() - startedMs).toBeLessThan(4_000);
      txIds.push((answer.body as { receipt: { txId: string } }).receipt.txId);
    }
    const size = await logSize();
    const policyText = (await getText(`${server.url}/api/log/policy`)).text;
    const policy = parsePolicy(policyText);
    const note = await eventually(async () => {
      const answer = await getText(`${server.url}/api/log/checkpoint`);
      if (answer.status !== 200) return null;
      return openServedCheckpoint(answer.text, policyText).size === size ? answer.text : null;
    }, "a witnessed checkpoint of the whole log");
    const opened = openNote(note, [
      ed25519NoteVerifier(policy.logs[0]!),
      ...policy.witnesses.map((witness) => cosignatureVerifier(witness.key)),
    ]);
    expect(opened.verified.map((signature) => signature.name)).toEqual([
      policy.logs[0]!.name,
      "good.example",
      "retry.example",
    ]);
    expect(opened.unverified).toEqual([]);

    const last = txIds.at(-1)!;
    const witnessed = await getJson(`${server.url}/api/transactions/${last}/witnessed`);
    expect(witnessed.status).toBe(200);
    const body = (
      witnessed.body as {
        witnessed: {
          receipt: { block: SignedBlock };
          checkpoint: string;
          logProof: { leafIndex: number; path: string[] };
        };
      }
    ).witnessed;
    expect(body.checkpoint).toBe(note);
    const checkpoint = openServedCheckpoint(body.checkpoint, policyText);
    // What a wallet or `npm run verify` checks offline against the policy: witnessed by good and retry.
    const witnessedCheckpoint = openCheckpoint(note, policy, Date.now());
    expect(witnessedCheckpoint.isWitnessed).toBe(true);
    expect(witnessedCheckpoint.cosigners.map((cosigner) => cosigner.name)).toEqual(["good", "retry"]);
    const verified = await verifyWitnessedReceipt(
      body as unknown as WitnessedReceipt,
      policy,
      Date.now(),
      verifyWithWebCrypto,
    );
    expect(verified.ok).toBe(true);
    expect(provesBlock(body.receipt.block.hash, body.logProof.leafIndex, body.logProof.path, checkpoint)).toBe(true);
  }, 60_000);

  it("sent the 409 witness its checkpoint again from the size it named, with the consistency proof", () => {
    const [first, second] = witnesses.retry.requests;
    expect(first!.oldSize).toBe(0);
    expect(first!.proofLines).toBe(0);
    expect(second!.oldSize).toBe(1);
    expect(second!.size).toBe(first!.size);
    const later = witnesses.retry.requests.slice(2);
    // Each later checkpoint goes from the size the witness last cosigned, with a proof when the log grew.
    for (const request of later) expect(request.proofLines > 0 || request.oldSize === request.size).toBe(true);
  });

  it("records each witness's last answer and the 422 as evidence", async () => {
    await eventually(
      async () => {
        const rows = await rawQuery<{ name: string }>(
          databaseUrl,
          `SELECT "name" FROM "LogWitnessState" WHERE "name" = 'slow'`,
        );
        return rows.length === 1 ? rows : null;
      },
      "the slow witness's timeout",
      20_000,
    );
    const rows = await rawQuery<{ name: string; lastStatus: string; lastMessage: string }>(
      databaseUrl,
      `SELECT "name", "lastStatus", "lastMessage" FROM "LogWitnessState" ORDER BY "name"`,
    );
    expect(rows.map((row) => [row.name, row.lastStatus])).toEqual([
      ["down", "down"],
      ["good", "200"],
      ["refuser", "422"],
      ["retry", "200"],
      ["slow", "down"],
    ]);
    expect(rows.find((row) => row.name === "slow")!.lastMessage).toBe("no answer within 5000 ms");
    expect(rows.find((row) => row.name === "down")!.lastMessage).toBe("unreachable (ECONNREFUSED)");
    expect(rows.find((row) => row.name === "refuser")!.lastMessage).toBe("block 0 breaks a rule");
    const evidence = await rawQuery<{ reportedBy: string; reason: string }>(
      databaseUrl,
      `SELECT "reportedBy", "reason" FROM "LogEvidence" ORDER BY "id" LIMIT 1`,
    );
    expect(evidence).toEqual([
      {
        reportedBy: "refuser",
        reason: expect.stringMatching(
          /^refuser refused the consistency proof from size 0 to \d+ \(422\): block 0 breaks a rule$/,
        ) as unknown,
      },
    ]);
    expect(server.output()).toMatch(/chainpay: witness down is down: unreachable \(ECONNREFUSED\)/);
    // Once per change, not once per attempt.
    expect(server.output().match(/witness down is down/g)).toHaveLength(1);
  }, 30_000);
});
