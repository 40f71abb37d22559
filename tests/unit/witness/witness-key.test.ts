// The witness's key: made once in its data directory (mode 0600, never replaced), its default name, and its vkey
// as a cosignature/v1 key (type 0x04) whose cosignatures verify.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cosignatureSigner, cosignatureVerifier } from "@/lib/ledger/log/cosignature";
import { parseVerifierKey } from "@/lib/ledger/log/note";
import {
  defaultWitnessName,
  loadOrCreateWitnessKey,
  witnessIdentity,
  witnessKeyFile,
  writeWitnessVkey,
} from "@/lib/server/witness/witness-key";

describe("the witness key", () => {
  it("is made once, mode 0600, and read back the same on every later start", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "witness-key-"));
    const made = loadOrCreateWitnessKey(dataDir);
    expect(made.isNew).toBe(true);
    expect(statSync(path.join(dataDir, witnessKeyFile)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateWitnessKey(dataDir);
    expect(again.isNew).toBe(false);
    expect(again.key.publicKeyHex).toBe(made.key.publicKeyHex);
  });

  it("is named after its public key by default and written as a type 0x04 vkey whose cosignatures verify", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "witness-vkey-"));
    const { key } = loadOrCreateWitnessKey(dataDir);
    const name = defaultWitnessName(key.publicKeyHex);
    expect(name).toBe(`chainpay-witness/${key.publicKeyHex.slice(0, 8)}`);
    const identity = witnessIdentity(name, key);
    writeWitnessVkey(dataDir, identity.verifierKey.vkey);
    const vkey = readFileSync(path.join(dataDir, "witness.vkey"), "utf8");
    expect(vkey).toBe(`${identity.verifierKey.vkey}\n`);
    const parsed = parseVerifierKey(vkey.trimEnd());
    expect({ name: parsed.name, type: parsed.type }).toEqual({ name, type: 0x04 });
    const text = new TextEncoder().encode("chainpay/test\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    const signature = cosignatureSigner(name, identity.publicKey, 1_700_000_000, identity.sign).sign(text);
    expect(cosignatureVerifier(parsed).verify(text, signature)).toBe(true);
    const tampered = Uint8Array.from(signature);
    tampered[tampered.length - 1]! ^= 1;
    expect(cosignatureVerifier(parsed).verify(text, tampered)).toBe(false);
  });
});
