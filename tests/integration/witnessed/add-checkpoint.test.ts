// A witness's add-checkpoint as a stranger can call it: every malformed body gets tlog-witness's status and
// changes nothing; two concurrent calls cannot roll it back; what it answered 200 survives a SIGKILL; the same size
// with another root is 409 and kept as evidence. The checkpoints are signed here, with the node key from the
// node's data directory; the node itself is restarted with `quorum none`, so that only this file talks to it.
import { generateKeyPairSync, sign } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { ed25519NoteSigner, signNote, type NoteSigner } from "@/lib/ledger/log/note";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import { getJson, postJson } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { startWitnessedNetwork, type WitnessedNetwork, type WitnessProcess } from "../../support/witnessed-network";
import {
  addCheckpoint,
  addCheckpointBody,
  consistencyProofOf,
  cosignedSize,
  logLeaves,
  nodeSigner,
  signedCheckpoint,
  testOrigin,
  witnessState,
  type WitnessAnswer,
} from "../../support/witnessed-log";

let network: WitnessedNetwork;
let witness: WitnessProcess;
let leaves: Uint8Array[];
let signer: NoteSigner;
/** The size the witness has cosigned when the malformed bodies come: set by a valid call in beforeAll. */
const baseSize = 5;
const chainPayments = 30;

function strangerSigner(name: string): NoteSigner {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url"));
  return ed25519NoteSigner(name, raw, (message) => new Uint8Array(sign(null, message, privateKey)));
}

function checkpointOf(size: number): string {
  return signedCheckpoint(leaves, size, [signer]);
}

/** A valid request from `from` to `to`, as the node would send it. */
function validBody(from: number, to: number): string {
  return addCheckpointBody(from, consistencyProofOf(leaves.slice(0, to), from), checkpointOf(to));
}

/** A refusal's whole answer: the status, a text/plain body of one line, and no cosignature in it. */
function expectRefusal(answer: WitnessAnswer, status: number | number[], what = ""): void {
  expect([status].flat(), `${what}: ${answer.status} ${answer.text.slice(0, 300)}`).toContain(answer.status);
  expect(answer.contentType, what).toBe("text/plain; charset=utf-8");
  expect(answer.text, what).toMatch(/^[^\n]+\n$/);
  expect(answer.text, what).not.toContain("—");
}

beforeAll(async () => {
  network = await startWitnessedNetwork({ name: "add-checkpoint", witnesses: 1, quorum: 1 });
  witness = network.witnesses[0]!;
  const nonePolicy = path.join(network.nodeDataDir, "no-witnesses.txt");
  writeFileSync(nonePolicy, "quorum none\n");
  await network.restartNode({ WITNESS_POLICY: nonePolicy });
  const payer = makeWallet();
  const payee = makeWallet();
  expect((await postJson(`${network.nodeUrl}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  for (let index = 0; index < chainPayments; index++) {
    const paid = await postJson(`${network.nodeUrl}/api/payments`, signPayment(payer, payee.publicKey, "1"));
    expect(paid.status).toBe(201);
  }
  leaves = await logLeaves(network.nodeUrl, chainPayments + 2);
  signer = nodeSigner(network.nodeDataDir);
  // Wherever the node left it, bring the witness to `baseSize`.
  const from = await cosignedSize(witness.url);
  expect(from).toBeLessThan(baseSize);
  const answer = await addCheckpoint(witness.submissionUrl, validBody(from, baseSize));
  expect(answer.status, answer.text).toBe(200);
  expect(await cosignedSize(witness.url)).toBe(baseSize);
}, 300_000);

afterAll(async () => {
  await network?.stop();
});

const zeroHash = Buffer.alloc(32).toString("base64");

/** Each malformed or refused body, what it must be answered, built once the chain exists. */
function cases(): { name: string; body: () => string; status: number | number[] }[] {
  const to = baseSize + 7;
  const proof = consistencyProofOf(leaves.slice(0, to), baseSize).map((hash) => Buffer.from(hash).toString("base64"));
  const note = checkpointOf(to);
  const text = formatCheckpoint({ origin: testOrigin, size: to, rootHash: merkleTreeHash(leaves.slice(0, to)) });
  const signatureBytes = Buffer.from(note.trimEnd().split(" ").pop()!, "base64");
  signatureBytes.writeUInt8(signatureBytes.readUInt8(10) ^ 0x01, 10);
  const forgedNote = `${text}\n— ${testOrigin} ${signatureBytes.toString("base64")}\n`;
  const body = (old: string, lines: readonly string[], withNote = note) => [old, ...lines, "", withNote].join("\n");
  return [
    { name: "more than 63 proof lines", body: () => body(`old ${baseSize}`, Array(64).fill(zeroHash)), status: 400 },
    { name: "a proof line that is not base64", body: () => body(`old ${baseSize}`, ["@@@not base64@@@"]), status: 400 },
    {
      name: "a proof line of 31 bytes",
      body: () => body(`old ${baseSize}`, [Buffer.alloc(31).toString("base64")]),
      status: 400,
    },
    { name: "unpadded base64", body: () => body(`old ${baseSize}`, [zeroHash.replace(/=$/, "")]), status: 400 },
    { name: "a control character in the old line", body: () => body(`old ${baseSize}\r`, proof), status: 400 },
    { name: "a NUL among the proof lines", body: () => body(`old ${baseSize}`, [...proof, "\u0000"]), status: 400 },
    { name: "a leading zero", body: () => body(`old 0${baseSize}`, proof), status: 400 },
    { name: "no old line", body: () => body("", proof), status: 400 },
    {
      name: "proof lines before the old line (wrong order)",
      body: () => body(proof[0]!, [`old ${baseSize}`, ...proof.slice(1)]),
      status: 400,
    },
    { name: "no blank line before the note", body: () => [`old ${baseSize}`, ...proof, note].join("\n"), status: 400 },
    {
      name: "a note of 101 signature lines",
      body: () =>
        body(`old ${baseSize}`, proof, note + Array(100).fill(note.split("\n\n")[1]!.split("\n")[0]).join("\n") + "\n"),
      status: [400, 413],
    },
    {
      name: "an over-long body (2 MiB)",
      body: () => body(`old ${baseSize}`, proof, note + "x".repeat(2 * 1024 * 1024)),
      status: [400, 413],
    },
    {
      name: "an unknown origin",
      body: () =>
        body(
          `old ${baseSize}`,
          proof,
          signNote(text.replace(testOrigin, "example.com/other"), [strangerSigner("example.com/other")]),
        ),
      status: 404,
    },
    { name: "unsigned: no signature line", body: () => body(`old ${baseSize}`, proof, `${text}\n`), status: 403 },
    {
      name: "signed by another key under the log's name",
      body: () => body(`old ${baseSize}`, proof, signNote(text, [strangerSigner(testOrigin)])),
      status: 403,
    },
    {
      name: "the node key's signature does not verify",
      body: () => body(`old ${baseSize}`, proof, forgedNote),
      status: 403,
    },
    {
      name: "old above the new size",
      body: () => body(`old ${baseSize}`, [], checkpointOf(baseSize - 2)),
      status: 400,
    },
    {
      name: "a consistency proof that fails",
      body: () => body(`old ${baseSize}`, [zeroHash, ...proof.slice(1)]),
      status: 422,
    },
    {
      name: "old equal to the size, with proof lines",
      body: () => body(`old ${baseSize}`, [zeroHash], checkpointOf(baseSize)),
      status: 422,
    },
  ];
}

describe("add-checkpoint refusals", () => {
  it("every malformed or refused body gets the spec's status and changes nothing", async () => {
    const before = await witnessState(witness.url);
    expect(before.alarm).toBeNull();
    for (const refused of cases()) {
      const answer = await addCheckpoint(witness.submissionUrl, refused.body());
      expectRefusal(answer, refused.status, refused.name);
      expect(await witnessState(witness.url), refused.name).toEqual(before);
    }
  }, 120_000);

  it("a stale old size is 409 text/x.tlog.size with the size it cosigned; another method is 405", async () => {
    const stale = await addCheckpoint(witness.submissionUrl, validBody(baseSize - 1, baseSize + 3));
    expect(stale).toEqual({ status: 409, contentType: "text/x.tlog.size", text: `${baseSize}\n` });
    const get = await fetch(`${witness.submissionUrl}/add-checkpoint`);
    expect(get.status).toBe(405);
    expect(await cosignedSize(witness.url)).toBe(baseSize);
  });
});

describe("add-checkpoint under concurrency and restarts", () => {
  it("two concurrent calls of sizes a < b cannot roll the witness back", async () => {
    const history = [await cosignedSize(witness.url)];
    for (let round = 0; round < 10; round++) {
      const current = history[history.length - 1]!;
      const [a, b] = [current + 1, current + 2];
      const answers = await Promise.all(
        round % 2 === 0
          ? [
              addCheckpoint(witness.submissionUrl, validBody(current, a)),
              addCheckpoint(witness.submissionUrl, validBody(current, b)),
            ]
          : [
              addCheckpoint(witness.submissionUrl, validBody(current, b)),
              addCheckpoint(witness.submissionUrl, validBody(current, a)),
            ],
      );
      const sizes = round % 2 === 0 ? [a, b] : [b, a];
      const won = answers.flatMap((answer, index) => (answer.status === 200 ? [sizes[index]!] : []));
      // Exactly one is cosigned; the other learns the winner's size.
      expect(won, answers.map((answer) => `${answer.status} ${answer.text}`).join(" | ")).toHaveLength(1);
      const lost = answers.find((answer) => answer.status !== 200)!;
      expect(lost).toEqual({ status: 409, contentType: "text/x.tlog.size", text: `${won[0]}\n` });
      const after = await cosignedSize(witness.url);
      expect(after).toBe(won[0]);
      // The smaller one, sent again from the old size, is stale: never a step back.
      const late = await addCheckpoint(witness.submissionUrl, validBody(current, a));
      expect(late.status).toBe(409);
      expect(await cosignedSize(witness.url)).toBe(won[0]);
      history.push(won[0]!);
    }
    for (let index = 1; index < history.length; index++) expect(history[index]).toBeGreaterThan(history[index - 1]!);
  }, 120_000);

  it("what it answered 200 survives a SIGKILL right after the answer", async () => {
    const current = await cosignedSize(witness.url);
    const answer = await addCheckpoint(witness.submissionUrl, validBody(current, current + 1));
    expect(answer.status, answer.text).toBe(200);
    await witness.kill();
    await witness.start();
    expect(await cosignedSize(witness.url)).toBe(current + 1);
    const stale = await addCheckpoint(witness.submissionUrl, validBody(current, current + 1));
    expect(stale).toEqual({ status: 409, contentType: "text/x.tlog.size", text: `${current + 1}\n` });
  }, 120_000);

  it("the same size with another root is 409, changes no cosigned size, and is kept as evidence", async () => {
    const before = await witnessState(witness.url);
    const size = await cosignedSize(witness.url);
    const otherRoot = merkleTreeHash([...leaves.slice(0, size - 1), new Uint8Array(32)]);
    const note = signNote(formatCheckpoint({ origin: testOrigin, size, rootHash: otherRoot }), [signer]);
    const answer = await addCheckpoint(witness.submissionUrl, addCheckpointBody(size, [], note));
    expectRefusal(answer, 409);
    const after = await witnessState(witness.url);
    expect(after.cosigned).toEqual(before.cosigned);
    expect(after.alarm).not.toBeNull();
    expect((await getJson(`${witness.url}/api/health`)).status).toBe(503);
    // Refused from then on, even a valid extension.
    const next = await addCheckpoint(witness.submissionUrl, validBody(size, size + 1));
    expect(next.status).not.toBe(200);
    expect((await witnessState(witness.url)).cosigned).toEqual(before.cosigned);
  });
});
