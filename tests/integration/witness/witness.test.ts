// `npm run follow -- <url> --witness`: a C2SP tlog-witness of a real node's log that cosigns only what its
// verified replica holds, answers every refusal with the spec's status and changes nothing then, checks and
// records atomically (two concurrent calls cannot roll it back), keeps its state across a restart, and keeps the
// evidence and raises the alarm when the node signs a fork.
import { statSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { formatCheckpoint, nodeLogKey } from "@/lib/ledger/log/checkpoint";
import { cosignatureTimestamp, cosignatureVerifier, witnessKey } from "@/lib/ledger/log/cosignature";
import { ed25519NoteVerifier, openNote, parseVerifierKey, signNote } from "@/lib/ledger/log/note";
import { formatAddCheckpoint } from "@/lib/ledger/log/witness-request";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import { freshDatabaseUrl, rawQuery } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, getJson, postJson, startServer, type RunningServer } from "../../support/server";
import { testLogSigner } from "../../unit/support/log-keys";
import { makeWallet, signPayment } from "../../support/wallet";
import {
  addCheckpointBody,
  logLeaves,
  nodeCheckpointSigner,
  postAddCheckpoint,
  startWitness,
  until,
  witnessStatus,
  type WitnessProcess,
} from "./witness-processes";

let node: RunningServer;
let nodeDataDir: string;
let nodePublicKey: string;
let witness: WitnessProcess;
let origin: string;
let signer: ReturnType<typeof nodeCheckpointSigner>;
const payer = makeWallet();
const payee = makeWallet();

async function pay(amount: string): Promise<void> {
  const response = await postJson(`${node.url}/api/payments`, signPayment(payer, payee.publicKey, amount));
  expect(response.status).toBe(201);
}

/** The body for the node's first `size` blocks, proof from `oldSize`, as the node would send it. */
async function bodyFor(oldSize: number, size: number): Promise<string> {
  return addCheckpointBody(signer, await logLeaves(node.url, size), oldSize, size);
}

async function cosignedSize(): Promise<number | null> {
  return (await witnessStatus(witness)).cosigned?.size ?? null;
}

beforeAll(async () => {
  ensureBuilt();
  nodeDataDir = makeDataDir("witnessed-node");
  node = await startServer({
    DATA_DIR: nodeDataDir,
    DATABASE_URL: await freshDatabaseUrl(nodeDataDir, "witnessed_node"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
  expect((await postJson(`${node.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  await pay("250");
  await pay("125");
  nodePublicKey = ((await getJson(`${node.url}/api/node`)).body as { nodePublicKey: string }).nodePublicKey;
  witness = await startWitness(node.url, "witness-main");
  origin = (await witnessStatus(witness)).origin;
  signer = nodeCheckpointSigner(nodeDataDir, nodePublicKey, origin);
}, 300_000);

afterAll(async () => {
  await witness?.stop();
  await node?.stop();
});

describe("a witness", () => {
  it("has its own key (mode 0600), prints its vkey, writes witness.vkey and serves GET /api/witness", async () => {
    const status = await witnessStatus(witness);
    expect(status.origin).toBe(`chainpay/${testChainId}`);
    expect(status.name).toMatch(/^chainpay-witness\/[0-9a-f]{8}$/);
    const key = parseVerifierKey(status.vkey);
    expect(key.type).toBe(0x04);
    expect(key.name).toBe(status.name);
    expect(status.name.slice("chainpay-witness/".length)).toBe(bytesToHex(key.publicKey).slice(0, 8));
    expect(witness.output()).toContain(`witness: vkey ${status.vkey}\n`);
    expect(readFileSync(path.join(witness.dataDir, "witness.vkey"), "utf8")).toBe(`${status.vkey}\n`);
    expect(statSync(path.join(witness.dataDir, "witness-key.pem")).mode & 0o777).toBe(0o600);
    expect(status.cosigned).toBeNull();
    expect(status.alarm).toBeNull();
  });

  it("cosigns a real checkpoint of the node with a cosignature/v1 line of its key", async () => {
    const leaves = await logLeaves(node.url, 4);
    const body = addCheckpointBody(signer, leaves, 0, 4);
    const before = Math.floor(Date.now() / 1000);
    const reply = await postAddCheckpoint(witness, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/^— chainpay-witness\/[0-9a-f]{8} [A-Za-z0-9+/]+=*\n$/);
    const note = body.slice(body.indexOf("\n\n") + 2);
    const status = await witnessStatus(witness);
    const cosigner = witnessKey(status.name, parseVerifierKey(status.vkey).publicKey);
    const opened = openNote(`${note}${reply.body}`, [
      ed25519NoteVerifier(nodeLogKey(origin, hexToBytes(nodePublicKey))),
      cosignatureVerifier(cosigner),
    ]);
    expect(opened.verified.map((signature) => signature.name)).toEqual([origin, status.name]);
    const timestamp = cosignatureTimestamp(opened.verified[1]!.signature)!;
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(status.cosigned).toEqual({ size: 4, rootHash: bytesToHex(merkleTreeHash(leaves)) });
    // The same checkpoint again is cosigned again and changes nothing.
    expect((await postAddCheckpoint(witness, addCheckpointBody(signer, leaves, 4, 4))).status).toBe(200);
    expect(await cosignedSize()).toBe(4);
  });

  it("refuses every malformed or untrusted request with the spec's status and changes nothing", async () => {
    const leaves = await logLeaves(node.url, 4);
    const root = merkleTreeHash(leaves);
    const note = signer.note(4, root);
    const proofLine = Buffer.alloc(32, 7).toString("base64");
    const otherOrigin = nodeCheckpointSigner(nodeDataDir, nodePublicKey, "pay.example.com/other").note(4, root);
    // Another key under the very name of the origin: its key ID differs, so it is not the trusted key.
    const stranger = signNote(formatCheckpoint({ origin, size: 4, rootHash: root }), [testLogSigner(origin).signer]);
    const signatureLine = note.slice(note.indexOf("\n\n") + 2);
    const unknownLines = (count: number) =>
      Array.from({ length: count }, (_, index) => `— stranger${index} ${Buffer.alloc(68, index).toString("base64")}\n`);
    const [, name, encoded] = /^— (\S+) (\S+)\n$/.exec(signatureLine)!;
    const bytes = Buffer.from(encoded!, "base64");
    bytes[bytes.length - 1]! ^= 1;
    const flipped = `${note.slice(0, note.indexOf("\n\n") + 2)}— ${name} ${bytes.toString("base64")}\n`;
    const table: { name: string; body: string; status: number; answer?: string }[] = [
      { name: "no old line", body: `\n${note}`, status: 400 },
      { name: "a leading zero", body: `old 04\n\n${note}`, status: 400 },
      { name: "a size that is not decimal", body: `old 4e0\n\n${note}`, status: 400 },
      { name: "more than 63 proof lines", body: `old 2\n${`${proofLine}\n`.repeat(64)}\n${note}`, status: 400 },
      { name: "a proof line that is not base64", body: `old 2\n!!${proofLine.slice(2)}\n\n${note}`, status: 400 },
      {
        name: "a proof line of 31 bytes",
        body: `old 2\n${Buffer.alloc(31).toString("base64")}\n\n${note}`,
        status: 400,
      },
      { name: "no blank line", body: `old 0\n${note}`, status: 400 },
      { name: "control characters", body: `old 0\n\n${note.replace(origin, `${origin}\u0001`)}`, status: 400 },
      { name: "a tab in the old line", body: `old\t0\n\n${note}`, status: 400 },
      { name: "wrong order: the note before the old line", body: `${note}\nold 0\n`, status: 400 },
      { name: "an over-long note", body: `old 0\n\n${note}${"— x AAAA\n".repeat(8000)}`, status: 413 },
      { name: "more than 100 signature lines", body: `old 0\n\n${note}${unknownLines(100).join("")}`, status: 400 },
      { name: "an unknown origin", body: `old 0\n\n${otherOrigin}`, status: 404 },
      { name: "unsigned", body: `old 0\n\n${note.slice(0, note.indexOf("\n\n") + 2)}`, status: 403 },
      { name: "signed by another key", body: `old 0\n\n${stranger}`, status: 403 },
      { name: "its only known signature fails", body: `old 0\n\n${flipped}`, status: 403 },
      { name: "old size above the new", body: `old 5\n\n${note}`, status: 400 },
      { name: "old 0, not its latest", body: `old 0\n\n${note}`, status: 409, answer: "4\n" },
      {
        name: "old 2, not its latest",
        body: formatAddCheckpoint({ oldSize: 2, proof: [], note }),
        status: 409,
        answer: "4\n",
      },
      { name: "old N = size with a proof line", body: `old 4\n${proofLine}\n\n${note}`, status: 422 },
    ];
    expect(signatureLine).toMatch(/^— /);
    for (const row of table) {
      const reply = await postAddCheckpoint(witness, row.body);
      expect({ name: row.name, status: reply.status }).toEqual({ name: row.name, status: row.status });
      if (row.answer !== undefined) {
        expect(reply.contentType).toBe("text/x.tlog.size");
        expect(reply.body).toBe(row.answer);
      }
      expect(await witnessStatus(witness)).toMatchObject({ cosigned: { size: 4 }, alarm: null });
    }
    for (const method of ["GET", "PUT", "DELETE"]) {
      expect((await postAddCheckpoint(witness, `old 0\n\n${note}`, method)).status).toBe(405);
    }
    // A proof that does not hold, for a checkpoint the replica agrees with: 422, and still no alarm.
    await pay("5");
    const grown = await logLeaves(node.url, 5);
    const badProof = formatAddCheckpoint({ oldSize: 4, proof: [root], note: signer.note(5, merkleTreeHash(grown)) });
    expect((await postAddCheckpoint(witness, badProof)).status).toBe(422);
    expect(await witnessStatus(witness)).toMatchObject({ cosigned: { size: 4 }, alarm: null });
  });

  it("extends to a consistent checkpoint with its proof, with up to 16 signature lines", async () => {
    const body = await bodyFor(4, 5);
    const extra = Array.from(
      { length: 15 },
      (_, index) => `— someone-${index} ${Buffer.alloc(68, index + 1).toString("base64")}\n`,
    ).join("");
    const reply = await postAddCheckpoint(witness, `${body}${extra}`);
    expect(reply.status).toBe(200);
    expect(await cosignedSize()).toBe(5);
  });

  it("cannot be rolled back by two concurrent add-checkpoint calls", async () => {
    await pay("6");
    await pay("7");
    const leaves = await logLeaves(node.url, 7);
    const toSix = addCheckpointBody(signer, leaves, 5, 6);
    const toSeven = addCheckpointBody(signer, leaves, 5, 7);
    const replies = await Promise.all([postAddCheckpoint(witness, toSeven), postAddCheckpoint(witness, toSix)]);
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = replies[0]?.status === 200 ? 7 : 6;
    const loser = replies.find((reply) => reply.status === 409)!;
    expect(loser).toEqual({ status: 409, contentType: "text/x.tlog.size", body: `${winner}\n` });
    expect(await cosignedSize()).toBe(winner);
    // Many at once from the same old size: exactly one wins.
    await pay("8");
    const more = await logLeaves(node.url, 8);
    const many = await Promise.all(
      Array.from({ length: 6 }, () => postAddCheckpoint(witness, addCheckpointBody(signer, more, winner, 8))),
    );
    expect(many.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(many.filter((reply) => reply.status === 409 && reply.body === "8\n")).toHaveLength(5);
    expect(await cosignedSize()).toBe(8);
  });

  it("keeps its key and its latest cosigned checkpoint across a restart", async () => {
    const before = await witnessStatus(witness);
    await witness.stop();
    witness = await startWitness(node.url, "witness-main", [], witness);
    expect(await witnessStatus(witness)).toEqual(before);
    const stale = await postAddCheckpoint(witness, await bodyFor(0, 8));
    expect(stale).toEqual({ status: 409, contentType: "text/x.tlog.size", body: "8\n" });
    expect((await postAddCheckpoint(witness, await bodyFor(6, 6))).body).toBe("8\n");
  }, 120_000);

  it("keeps the evidence of a fork signed with the node's key, raises the alarm and refuses the log from then on", async () => {
    const leaves = await logLeaves(node.url, 8);
    const forkRoot = merkleTreeHash([...leaves.slice(0, 7), new Uint8Array(32).fill(9)]);
    const fork = formatAddCheckpoint({ oldSize: 8, proof: [], note: signer.note(8, forkRoot) });
    const reply = await postAddCheckpoint(witness, fork);
    expect(reply.status).toBe(409);
    expect(reply.body).toContain("Equivocation");
    const status = await witnessStatus(witness);
    expect(status.cosigned).toEqual({ size: 8, rootHash: bytesToHex(merkleTreeHash(leaves)) });
    expect(status.alarm).toMatchObject({ kind: "equivocation", height: 7 });
    const health = await getJson(`${witness.url}/api/health`);
    expect(health.status).toBe(503);
    const evidence = await rawQuery<{ cosignedNote: string; conflictingNote: string }>(
      witness.databaseUrl,
      `SELECT "cosignedNote", "conflictingNote" FROM "WitnessEvidence"`,
    );
    expect(evidence).toEqual([
      { cosignedNote: signer.note(8, merkleTreeHash(leaves)), conflictingNote: signer.note(8, forkRoot) },
    ]);
    expect(witness.output()).toContain("ALARM");
    // From then on even the honest extension is refused.
    await pay("9");
    const refused = await postAddCheckpoint(witness, await bodyFor(8, 9));
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("alarm");
    expect(await cosignedSize()).toBe(8);
    await until(
      () => Promise.resolve(witness.output().includes("!!! chainpay follower ALARM !!!") ? true : undefined),
      "the follower's alarm message",
    );
  });
});
