// Ed25519 against RFC 8032 §7.1: both verifiers the ledger uses (WebCrypto in the wallet, node:crypto on the
// node) must accept the published signatures, refuse any one-bit change, and agree with each other.
import { createPrivateKey, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exportPublicKeyHex, signWithWebCrypto, verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { publicKeyHexOf, signWithNodeCrypto, verifyWithNodeCrypto } from "@/lib/crypto/ed25519";
import { flipHexBit, pkcs8SeedPrefixHex } from "../support/keys";
import rfc8032 from "../vectors/rfc8032-ed25519.json";

const vectors = rfc8032.vectors;
const verifiers = [
  { name: "verifyWithWebCrypto", verify: verifyWithWebCrypto },
  { name: "verifyWithNodeCrypto", verify: verifyWithNodeCrypto },
] as const;

function privateKeyFromSeed(seedHex: string) {
  return createPrivateKey({ key: Buffer.from(pkcs8SeedPrefixHex + seedHex, "hex"), format: "der", type: "pkcs8" });
}

/** Ed25519's group order L; a signature whose S is not below it is malleable and must be refused. */
const groupOrder = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let index = bytes.length - 1; index >= 0; index--) value = (value << 8n) | BigInt(bytes[index]!);
  return value;
}

function bigIntToLittleEndian(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let index = 0; index < length; index++) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

describe("RFC 8032 §7.1 test vectors", () => {
  it("holds the five published vectors, with the 1023-byte message of TEST 1024", () => {
    expect(vectors.map((vector) => vector.name)).toEqual(["TEST 1", "TEST 2", "TEST 3", "TEST 1024", "TEST SHA(abc)"]);
    expect(hexToBytes(vectors[3]!.message)).toHaveLength(1023);
  });

  describe.each(vectors)("$name", (vector) => {
    const message = hexToBytes(vector.message);

    it.each(verifiers)("$name accepts the published signature", async ({ verify }) => {
      expect(await verify(vector.publicKey, message, vector.signature)).toBe(true);
    });

    it("node:crypto signing from the secret key reproduces the published signature", () => {
      const privateKey = privateKeyFromSeed(vector.secretKey);
      expect(sign(null, message, privateKey).toString("hex")).toBe(vector.signature);
      expect(signWithNodeCrypto(privateKey, message)).toBe(vector.signature);
    });

    it("the secret key derives the published public key", () => {
      expect(publicKeyHexOf(privateKeyFromSeed(vector.secretKey))).toBe(vector.publicKey);
    });

    it("WebCrypto signing from the secret key reproduces the published signature", async () => {
      const privateKey = await crypto.subtle.importKey(
        "pkcs8",
        hexToBytes(pkcs8SeedPrefixHex + vector.secretKey),
        { name: "Ed25519" },
        false,
        ["sign"],
      );
      expect(await signWithWebCrypto(privateKey, message)).toBe(vector.signature);
    });

    const signatureBitFlips = [
      { part: "R, first byte", byteIndex: 0, bit: 0 },
      { part: "R, last byte", byteIndex: 31, bit: 6 },
      { part: "S, first byte", byteIndex: 32, bit: 0 },
      { part: "S, middle byte", byteIndex: 47, bit: 3 },
      { part: "S, last byte", byteIndex: 63, bit: 0 },
    ];

    describe.each(verifiers)("$name refuses a one-bit change", ({ verify }) => {
      it.each(signatureBitFlips)("to the signature ($part)", async ({ byteIndex, bit }) => {
        const signature = flipHexBit(vector.signature, byteIndex, bit);
        expect(await verify(vector.publicKey, message, signature)).toBe(false);
      });

      it("to the message (first and last byte, or one bit appended to the empty message)", async () => {
        const changed =
          message.length === 0
            ? [Uint8Array.of(0x01)]
            : [
                hexToBytes(flipHexBit(vector.message, 0)),
                hexToBytes(flipHexBit(vector.message, message.length - 1, 7)),
              ];
        for (const candidate of changed) {
          expect(await verify(vector.publicKey, candidate, vector.signature)).toBe(false);
        }
      });

      it("to the public key", async () => {
        expect(await verify(flipHexBit(vector.publicKey, 0), message, vector.signature)).toBe(false);
      });

      it("a malleated signature (S + L, same R) is refused", async () => {
        const signature = hexToBytes(vector.signature);
        const s = littleEndianToBigInt(signature.slice(32));
        const malleated = new Uint8Array(64);
        malleated.set(signature.slice(0, 32), 0);
        malleated.set(bigIntToLittleEndian(s + groupOrder, 32), 32);
        // S + L still fits in 32 bytes (S < L < 2^253), so this is the classic malleability attempt.
        expect(s + groupOrder < 2n ** 256n).toBe(true);
        expect(await verify(vector.publicKey, message, bytesToHex(malleated))).toBe(false);
      });
    });
  });

  it.each(verifiers)("$name refuses a signature made by another vector's key", async ({ verify }) => {
    const [first, second] = vectors;
    expect(await verify(second!.publicKey, hexToBytes(first!.message), first!.signature)).toBe(false);
  });
});

describe.each(verifiers)("$name with malformed input answers false, never throws", ({ verify }) => {
  const vector = vectors[1]!;
  const message = hexToBytes(vector.message);
  const cases = [
    { name: "public key in uppercase hex", publicKey: vector.publicKey.toUpperCase(), signature: vector.signature },
    { name: "signature in uppercase hex", publicKey: vector.publicKey, signature: vector.signature.toUpperCase() },
    { name: "public key one byte short", publicKey: vector.publicKey.slice(2), signature: vector.signature },
    { name: "public key one byte long", publicKey: `${vector.publicKey}00`, signature: vector.signature },
    { name: "signature one byte short", publicKey: vector.publicKey, signature: vector.signature.slice(2) },
    { name: "signature of odd length", publicKey: vector.publicKey, signature: vector.signature.slice(1) },
    { name: "empty public key", publicKey: "", signature: vector.signature },
    { name: "empty signature", publicKey: vector.publicKey, signature: "" },
    { name: "not hex at all", publicKey: "z".repeat(64), signature: vector.signature },
    { name: "signature of zeros", publicKey: vector.publicKey, signature: "0".repeat(128) },
  ];

  it.each(cases)("$name", async ({ publicKey, signature }) => {
    expect(await verify(publicKey, message, signature)).toBe(false);
  });
});

describe("WebCrypto and node:crypto keys are interchangeable", () => {
  it("a WebCrypto key pair exports the public key node:crypto derives from its private half", async () => {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const nodePrivateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
    const publicKeyHex = await exportPublicKeyHex(pair.publicKey);
    expect(publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyHexOf(nodePrivateKey)).toBe(publicKeyHex);

    const message = new TextEncoder().encode("a payment signed in the browser");
    const signedInBrowser = await signWithWebCrypto(pair.privateKey, message);
    expect(signWithNodeCrypto(nodePrivateKey, message)).toBe(signedInBrowser);
    expect(verifyWithNodeCrypto(publicKeyHex, message, signedInBrowser)).toBe(true);
    expect(await verifyWithWebCrypto(publicKeyHex, message, signedInBrowser)).toBe(true);
  });
});
