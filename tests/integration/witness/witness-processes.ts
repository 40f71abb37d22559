// Support for the witness tests: a witness process (`npm run follow -- <url> --witness`) against a real node,
// checkpoints of that node's chain signed with its key from its data directory (the node's own cosigning loop is
// not needed for them), and add-checkpoint calls read as status, content type and text.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hexToBytes } from "@/lib/ledger/hex";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { ed25519NoteSigner, signNote } from "@/lib/ledger/log/note";
import { consistencyProof } from "@/lib/ledger/log/tree";
import { formatAddCheckpoint } from "@/lib/ledger/log/witness-request";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import type { SignedBlock } from "@/lib/ledger/types";
import { root } from "@/scripts/build-if-needed";
import { freshDatabaseUrl } from "../../support/database";
import { makeDataDir } from "../../support/node";
import { freePort, getJson, stopChild } from "../../support/server";

export type WitnessProcess = {
  url: string;
  dataDir: string;
  databaseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

export type WitnessStatusBody = {
  name: string;
  vkey: string;
  origin: string;
  cosigned: { size: number; rootHash: string } | null;
  alarm: { kind?: string; height: number; reason: string } | null;
};

export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts a witness of `nodeUrl` on a data directory named `name` (kept across restarts: same name, same data). */
export async function startWitness(
  nodeUrl: string,
  name: string,
  args: readonly string[] = [],
  existing?: { dataDir: string; databaseUrl: string },
): Promise<WitnessProcess> {
  const dataDir = existing?.dataDir ?? makeDataDir(name);
  const databaseUrl = existing?.databaseUrl ?? (await freshDatabaseUrl(dataDir, name.replaceAll("-", "_")));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/follow.ts", nodeUrl, "--witness", ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        ADMIN_PASSWORD: "witness-admin-password",
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the witness exited early:\n${output}`);
    const response = await fetch(`${url}/api/witness`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (response?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the witness did not serve; it said:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    dataDir,
    databaseUrl,
    process: child,
    output: () => output,
    stop: () => stopChild(child, exited),
  };
}

export async function witnessStatus(witness: { url: string }): Promise<WitnessStatusBody> {
  return (await getJson(`${witness.url}/api/witness`)).body as WitnessStatusBody;
}

/** The node's block hashes (the log's leaves) 0 … size − 1, as its headers route serves them. */
export async function logLeaves(nodeUrl: string, size: number): Promise<Uint8Array[]> {
  const { body } = await getJson(`${nodeUrl}/api/headers?from=0&limit=${size}`);
  const blocks = (body as { blocks: SignedBlock[] }).blocks;
  if (blocks.length < size) throw new Error(`the node has ${blocks.length} blocks, not ${size}`);
  return blocks.map((block) => hexToBytes(block.hash));
}

/** Signs checkpoint texts with the node key in `nodeDataDir`, as the node's own cosigning loop would. */
export function nodeCheckpointSigner(nodeDataDir: string, nodePublicKeyHex: string, origin: string) {
  const privateKey = createPrivateKey(readFileSync(path.join(nodeDataDir, "node-key.pem"), "utf8"));
  const signer = ed25519NoteSigner(
    origin,
    hexToBytes(nodePublicKeyHex),
    (message) => new Uint8Array(sign(null, message, privateKey)),
  );
  return {
    /** The signed checkpoint note of `size` with `rootHash`. */
    note: (size: number, rootHash: Uint8Array) => signNote(formatCheckpoint({ origin, size, rootHash }), [signer]),
  };
}

/** An add-checkpoint body for the first `size` leaves, with the proof from `oldSize`. */
export function addCheckpointBody(
  signer: ReturnType<typeof nodeCheckpointSigner>,
  leaves: readonly Uint8Array[],
  oldSize: number,
  size: number,
): string {
  const newLeaves = leaves.slice(0, size);
  const proof = oldSize === 0 || oldSize === size ? [] : consistencyProof(newLeaves, oldSize);
  return formatAddCheckpoint({ oldSize, proof, note: signer.note(size, merkleTreeHash(newLeaves)) });
}

export type WitnessReply = { status: number; contentType: string | null; body: string };

export async function postAddCheckpoint(
  witness: { url: string },
  body: string,
  method = "POST",
): Promise<WitnessReply> {
  const response = await fetch(`${witness.url}/api/witness/add-checkpoint`, {
    method,
    body: method === "GET" ? undefined : body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}
