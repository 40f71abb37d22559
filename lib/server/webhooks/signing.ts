// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature scheme"): HMAC-SHA256 keyed with the
// secret's bytes over `<webhook-id>.<webhook-timestamp>.<body>`, sent as `v1,<base64>`. The secret is `whsec_` and
// the base64 of its bytes, as the spec's libraries read it.
import "server-only";
import { createHmac } from "node:crypto";

export const secretPrefix = "whsec_";

/** The headers one delivery attempt carries, per the spec (`webhook-id` is the payment's txId). */
export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** The secret's key bytes: the base64 after `whsec_` (a secret stored without the prefix is read the same). */
export function secretBytesOf(secret: string): Buffer {
  const encoded = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret;
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length === 0) throw new Error("a webhook secret holds no key bytes");
  return bytes;
}

/** `v1,<base64 HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")>`. */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretBytesOf(secret)).update(`${id}.${timestampSeconds}.${body}`, "utf8");
  return `v1,${mac.digest("base64")}`;
}

export function webhookHeadersOf(secret: string, id: string, timestampSeconds: number, body: string): WebhookHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signatureOf(secret, id, timestampSeconds, body),
  };
}
