// What the witnessed-network tests do to a node's log from outside: read its leaves (block hashes) over the public
// API, compute roots and RFC 9162 consistency proofs on their own (merkle.ts, not the node's stored tree), sign
// checkpoints with the node key from its data directory, and speak tlog-witness to a witness.
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { ed25519NoteSigner, signNote, type NoteSigner } from "@/lib/ledger/log/note";
import { parsePolicy, type Policy } from "@/lib/ledger/log/policy";
import { hexToBytes } from "@/lib/ledger/hex";
import { merkleTreeHash } from "@/lib/ledger/merkle";

export const testOrigin = "chainpay/chainpay-test";

export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string | (() => string),
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The raw 32-byte block hashes of heights 0 … size−1: the log's leaves, as the node serves its blocks. */
export async function logLeaves(nodeUrl: string, size: number): Promise<Uint8Array[]> {
  const leaves: Uint8Array[] = [];
  for (let height = 0; height < size; height++) {
    const response = await fetch(`${nodeUrl}/api/blocks/${height}`, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`block ${height}: ${response.status}`);
    const { block } = (await response.json()) as { block: { hash: string } };
    leaves.push(hexToBytes(block.hash));
  }
  return leaves;
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subproof(m: number, leaves: readonly Uint8Array[], isWholeSubtree: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return isWholeSubtree ? [] : [merkleTreeHash(leaves)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(m, leaves.slice(0, k), isWholeSubtree), merkleTreeHash(leaves.slice(k))];
  return [...subproof(m - k, leaves.slice(k), false), merkleTreeHash(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) over `leaves` (n = leaves.length); empty for m = 0 and m = n. */
export function consistencyProofOf(leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (m === 0 || m === leaves.length) return [];
  return subproof(m, leaves, true);
}

/** The node's checkpoint signer, from the node key in its data directory (`node-key.pem`). */
export function nodeSigner(nodeDataDir: string, origin = testOrigin): NoteSigner {
  const privateKey = createPrivateKey(readFileSync(path.join(nodeDataDir, "node-key.pem"), "utf8"));
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, "base64url"));
  return ed25519NoteSigner(origin, publicKey, (message) => new Uint8Array(sign(null, message, privateKey)));
}

/** The checkpoint note of the first `size` leaves, signed by `signers`. */
export function signedCheckpoint(
  leaves: readonly Uint8Array[],
  size: number,
  signers: readonly NoteSigner[],
  origin = testOrigin,
): string {
  return signNote(formatCheckpoint({ origin, size, rootHash: merkleTreeHash(leaves.slice(0, size)) }), signers);
}

/** An add-checkpoint body as tlog-witness lays it out: `old N`, the proof lines, a blank line, the note. */
export function addCheckpointBody(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  return [`old ${oldSize}`, ...proof.map((hash) => Buffer.from(hash).toString("base64")), "", note].join("\n");
}

export type WitnessAnswer = { status: number; contentType: string; text: string };

export async function addCheckpoint(
  submissionUrl: string,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<WitnessAnswer> {
  const response = await fetch(`${submissionUrl}/add-checkpoint`, {
    method: "POST",
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

export type WitnessState = { name: string; vkey: string; origin: string; cosigned: unknown; alarm: unknown };

export async function witnessState(url: string): Promise<WitnessState> {
  const response = await fetch(`${url}/api/witness`, { signal: AbortSignal.timeout(10_000) });
  return (await response.json()) as WitnessState;
}

/**
 * The size a witness says it has cosigned, whichever way its `cosigned` field spells it: a number, an object with
 * a `size`, or the cosigned checkpoint note; 0 when it has cosigned nothing.
 */
export function cosignedSizeOf(state: WitnessState): number {
  const { cosigned } = state;
  if (cosigned === null || cosigned === undefined) return 0;
  if (typeof cosigned === "number") return cosigned;
  if (typeof cosigned === "string") return Number(cosigned.split("\n")[1]);
  if (typeof cosigned === "object" && "size" in cosigned) return Number(cosigned.size);
  throw new Error(`a witness's cosigned field of unknown shape: ${JSON.stringify(cosigned)}`);
}

export async function cosignedSize(url: string): Promise<number> {
  return cosignedSizeOf(await witnessState(url));
}

export async function textOf(url: string): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

/** The node's own policy, as it serves it (`GET /api/log/policy`). */
export async function servedPolicy(nodeUrl: string): Promise<{ text: string; policy: Policy }> {
  const { status, text } = await textOf(`${nodeUrl}/api/log/policy`);
  if (status !== 200) throw new Error(`GET /api/log/policy: ${status} ${text}`);
  return { text, policy: parsePolicy(text) };
}

export async function logSizeOf(nodeUrl: string): Promise<number> {
  const response = await fetch(`${nodeUrl}/api/node`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { log?: { size: number }; head: { header: { height: number } } };
  return body.log?.size ?? body.head.header.height + 1;
}
