// The payee's signature over a request (lib/wallet/requests/request-signature.ts): what the payee signed
// verifies; any change to the payee, amount, memo, expiry or currency reads as tampered; no signature is unsigned.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/ledger/canonical";
import { exportPublicKeyHex } from "@/lib/ledger/ed25519";
import type { Currency } from "@/lib/ledger/types";
import { formatRequestLink, parseRequestLink, type PaymentRequest } from "@/lib/wallet/requests/request-link";
import { requestSigningBytes, signRequest, verifyRequestSignature } from "@/lib/wallet/requests/request-signature";

const usd: Currency = { code: "USD", decimals: 2 };
const nowMs = Date.UTC(2026, 11, 1, 12, 0, 0);
let payee: { privateKey: CryptoKey; publicKey: string };
let other: { privateKey: CryptoKey; publicKey: string };

async function makeKey() {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  return { privateKey: pair.privateKey, publicKey: await exportPublicKeyHex(pair.publicKey) };
}

beforeAll(async () => {
  payee = await makeKey();
  other = await makeKey();
});

describe("request signatures", () => {
  it("signs canonical JSON with the domain and the currency", () => {
    const request: PaymentRequest = { to: "aa".repeat(32), amountMinor: 1250n, memo: "lunch", expiresAt: null };
    expect(new TextDecoder().decode(requestSigningBytes(request, usd))).toBe(
      canonicalJson({
        amount: "1250",
        currency: { code: "USD", decimals: 2 },
        domain: "chainpay-request/v1",
        expires: null,
        memo: "lunch",
        to: "aa".repeat(32),
      }),
    );
  });

  it("verifies what the payee signed, through the link, and names a change as tampered", async () => {
    const request: PaymentRequest = {
      to: payee.publicKey,
      amountMinor: 1250n,
      memo: "lunch 🍜",
      expiresAt: nowMs / 1000 + 3600,
    };
    const signature = await signRequest(request, usd, payee.privateKey);
    const link = formatRequestLink("https://pay.example", request, usd, signature);
    const parsed = parseRequestLink(link, usd, nowMs);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(await verifyRequestSignature(parsed.request, parsed.signature, usd)).toBe("signed");
    expect(await verifyRequestSignature(parsed.request, null, usd)).toBe("unsigned");

    const changes: PaymentRequest[] = [
      { ...request, amountMinor: 125000n },
      { ...request, amountMinor: null },
      { ...request, memo: "lunch" },
      { ...request, expiresAt: null },
      { ...request, expiresAt: request.expiresAt! + 1 },
      { ...request, to: other.publicKey },
    ];
    for (const changed of changes) expect(await verifyRequestSignature(changed, signature, usd)).toBe("tampered");
    // The same minor units on a node of another currency are another request.
    expect(await verifyRequestSignature(request, signature, { code: "KRW", decimals: 0 })).toBe("tampered");
    // Another key's signature over the very same request does not speak for the payee.
    expect(await verifyRequestSignature(request, await signRequest(request, usd, other.privateKey), usd)).toBe(
      "tampered",
    );
  });

  it("reads any changed amount in a signed link as tampered", async () => {
    const request: PaymentRequest = { to: payee.publicKey, amountMinor: 500n, memo: "", expiresAt: null };
    const signature = await signRequest(request, usd, payee.privateKey);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 10n ** 15n }).filter((amount) => amount !== 500n),
        async (amount) => {
          const link = formatRequestLink("https://pay.example", { ...request, amountMinor: amount }, usd, signature);
          const parsed = parseRequestLink(link, usd, nowMs);
          if (!parsed.ok) throw new Error(parsed.error);
          expect(await verifyRequestSignature(parsed.request, parsed.signature, usd)).toBe("tampered");
        },
      ),
      { numRuns: 50 },
    );
  });
});
