// The payee's signature over a payment request. A link is text anyone can edit on its way to the payer; signed by
// the payee's own key (the account the money goes to), a changed amount, memo, expiry or payee no longer verifies,
// and the pay page says so instead of offering to pay it. The signed bytes are canonical JSON (RFC 8785, as every
// signature of the protocol) of the request with a domain string, so that a request's signature can never be
// taken for a transaction's or a block's, and with the currency, so that "12.50" cannot be moved to a node whose
// currency gives the same minor units another meaning.
import { canonicalBytes } from "../../ledger/canonical";
import { signWithWebCrypto, verifyWithWebCrypto } from "../../ledger/ed25519";
import type { Currency } from "../../ledger/types";
import type { PaymentRequest } from "./request-link";

/** What the signed bytes begin with: the request format and its version. */
export const requestSignatureDomain = "chainpay-request/v1";

/** The bytes the payee signs: canonical JSON of the domain, the currency and every field of the request. */
export function requestSigningBytes(request: PaymentRequest, currency: Currency): Uint8Array<ArrayBuffer> {
  return canonicalBytes({
    domain: requestSignatureDomain,
    currency: { code: currency.code, decimals: currency.decimals },
    to: request.to,
    amount: request.amountMinor === null ? null : request.amountMinor.toString(),
    memo: request.memo,
    expires: request.expiresAt,
  });
}

/** Signs `request` with the payee's private key (non-extractable, from the keystore); the signature as hex128. */
export function signRequest(request: PaymentRequest, currency: Currency, privateKey: CryptoKey): Promise<string> {
  return signWithWebCrypto(privateKey, requestSigningBytes(request, currency));
}

/**
 * `signed`: the payee (`request.to`) signed exactly this request. `unsigned`: the link carries no signature, so
 * nothing says who made it. `tampered`: it carries one that does not verify, so something was changed after it
 * was made.
 */
export type RequestSignatureVerdict = "signed" | "unsigned" | "tampered";

export async function verifyRequestSignature(
  request: PaymentRequest,
  signature: string | null,
  currency: Currency,
): Promise<RequestSignatureVerdict> {
  if (signature === null) return "unsigned";
  const isValid = await verifyWithWebCrypto(request.to, requestSigningBytes(request, currency), signature);
  return isValid ? "signed" : "tampered";
}
