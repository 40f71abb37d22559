// The witness's own Ed25519 key, in its data directory beside the replica: made on the first start (mode 0600,
// never overwritten), read on every start after. Its public key, under the witness's key name, is the vkey
// (type 0x04, cosignature/v1) that node operators put in their policies.
import { sign } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateNodeKeyPem, nodeKeyFromPem, type NodeKey } from "../../crypto/ed25519";
import { hexToBytes } from "../../ledger/hex";
import { witnessKey } from "../../ledger/log/cosignature";
import type { VerifierKey } from "../../ledger/log/note";

export const witnessKeyFile = "witness-key.pem";
export const witnessVkeyFile = "witness.vkey";

export type WitnessIdentity = {
  name: string;
  key: NodeKey;
  publicKey: Uint8Array;
  verifierKey: VerifierKey;
  /** Signs a message with the witness's private key: the raw 64-byte Ed25519 signature. */
  sign: (message: Uint8Array) => Uint8Array;
};

/** `chainpay-witness/<first 8 hex of the public key>`: a name that tells witnesses apart without any setting. */
export function defaultWitnessName(publicKeyHex: string): string {
  return `chainpay-witness/${publicKeyHex.slice(0, 8)}`;
}

/** Reads the key in `dataDir`, making it first when there is none (the `wx` flag never replaces a key). */
export function loadOrCreateWitnessKey(dataDir: string): { key: NodeKey; isNew: boolean } {
  const file = path.join(dataDir, witnessKeyFile);
  if (existsSync(file)) return { key: nodeKeyFromPem(readFileSync(file, "utf8")), isNew: false };
  writeFileSync(file, generateNodeKeyPem(), { mode: 0o600, flag: "wx" });
  return { key: nodeKeyFromPem(readFileSync(file, "utf8")), isNew: true };
}

/** Reads the key a started witness has (the server process never makes one). */
export function readWitnessKey(dataDir: string): NodeKey {
  return nodeKeyFromPem(readFileSync(path.join(dataDir, witnessKeyFile), "utf8"));
}

export function witnessIdentity(name: string, key: NodeKey): WitnessIdentity {
  const publicKey = hexToBytes(key.publicKeyHex);
  return {
    name,
    key,
    publicKey,
    verifierKey: witnessKey(name, publicKey),
    sign: (message) => new Uint8Array(sign(null, message, key.privateKey)),
  };
}

/** Writes `<dataDir>/witness.vkey` (the vkey and a newline), for operators and tools to read. */
export function writeWitnessVkey(dataDir: string, vkey: string): void {
  writeFileSync(path.join(dataDir, witnessVkeyFile), `${vkey}\n`);
}
