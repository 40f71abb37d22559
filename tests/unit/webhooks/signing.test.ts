// Standard Webhooks signatures: the spec's reference vector, and the spec's own verifier (the standardwebhooks
// package) accepting the headers a delivery sends, and refusing them when one byte of the body changes.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { secretBytesOf, signatureOf, webhookHeadersOf } from "@/lib/server/webhooks/signing";

// The test vector of the Standard Webhooks reference libraries (their "test_sign" cases).
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("webhook signatures", () => {
  it("match the reference vector", () => {
    expect(signatureOf(vector.secret, vector.id, vector.timestampSeconds, vector.body)).toBe(vector.signature);
  });

  it("read the secret with or without its whsec_ prefix", () => {
    const bare = vector.secret.slice("whsec_".length);
    expect(signatureOf(bare, vector.id, vector.timestampSeconds, vector.body)).toBe(vector.signature);
    expect(secretBytesOf(vector.secret)).toEqual(Buffer.from(bare, "base64"));
    expect(() => secretBytesOf("whsec_")).toThrow(/no key bytes/);
  });

  it("verify with the standardwebhooks package, and fail on a changed body, id or timestamp", () => {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const txId = "ab".repeat(32);
    const body = JSON.stringify({ type: "payment.sealed", timestamp: "2026-12-01T00:00:00.000Z", data: { txId } });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const headers = webhookHeadersOf(secret, txId, nowSeconds, body);
    expect(headers["webhook-id"]).toBe(txId);
    expect(headers["webhook-timestamp"]).toBe(String(nowSeconds));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const verifier = new Webhook(secret);
    expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace("payment", "pAyment"), headers)).toThrow();
    expect(() => verifier.verify(body, { ...headers, "webhook-id": "cd".repeat(32) })).toThrow();
    expect(() => verifier.verify(body, { ...headers, "webhook-timestamp": String(nowSeconds + 1) })).toThrow();
    // Another endpoint's secret does not verify it.
    expect(() => new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(body, headers)).toThrow();
  });

  it("match the package's own signer for the same input", () => {
    const secret = `whsec_${randomBytes(24).toString("base64")}`;
    const body = '{"a":"ü ✓"}';
    const signed = new Webhook(secret).sign("id-1", new Date(1_700_000_000_000), body);
    expect(signatureOf(secret, "id-1", 1_700_000_000, body)).toBe(signed);
  });
});
