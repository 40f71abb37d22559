// Payment request links (issue 12): `…/pay?to=<key>&amount=<major units>&memo=<text>&expires=<unix seconds>&sig=<hex>`.
// amount, memo, expires and sig are optional (no amount: the payer types it). Parsing is strict: an unknown or
// repeated field, a bad key, a bad amount (not a decimal in the node's currency, zero, too large) or an expired
// request is refused with a reason, never a half-filled request. `sig` is the payee's Ed25519 signature over the
// request (request-signature.ts): a link is text anyone can edit, and the signature is what lets the pay page tell
// the request the payee made from one whose amount or memo was changed on the way.
import { accountKeyProblem } from "../../ledger/ed25519";
import { hex128Pattern } from "../../ledger/hex";
import { amountPattern } from "../../ledger/limits";
import { formatMinorUnits } from "../../ledger/amount";
import type { Currency } from "../../ledger/types";
import { memoProblem } from "../../ledger/transaction";

export type PaymentRequest = {
  to: string;
  /** Minor units; null for an open amount. */
  amountMinor: bigint | null;
  memo: string;
  /** Unix seconds; null for no expiry. */
  expiresAt: number | null;
};

export type RequestLinkError =
  | "missing_to"
  | "bad_key"
  | "bad_amount"
  | "bad_memo"
  | "bad_expiry"
  | "expired"
  | "unknown_field"
  | "repeated_field"
  /** `sig` is there but is not 128 lowercase hex digits (a signature that does not verify is request-signature.ts's verdict). */
  | "bad_signature"
  /** The query is longer than any request this wallet writes (requestQueryCharsMax). */
  | "too_long";

/** `signature`: the payee's signature as hex128, or null for a link made without one (another app's, say). */
export type ParsedRequestLink =
  { ok: true; request: PaymentRequest; signature: string | null } | { ok: false; error: RequestLinkError };

/** The path of the pay page, which every request link points to. */
export const payPath = "/pay";

const fieldNames = ["to", "amount", "memo", "expires", "sig"] as const;
type FieldName = (typeof fieldNames)[number];

/**
 * A link's query holds at most this many characters. The longest request this wallet writes (a 140-code-point memo
 * of 4-byte characters, each percent-encoded as 12 characters, with the key, amount, expiry and signature) is
 * under 2,000; a longer query is not one, and is refused before anything in it is decoded.
 */
export const requestQueryCharsMax = 4096;

/** Unix seconds written in decimal without a leading zero; 12 digits reach the year 33,658. */
const expiresPattern = /^[1-9][0-9]{0,11}$/;
/** A plain decimal in major units: no sign, no grouping, no exponent, no leading zero, digits on both sides of a point. */
const majorUnitsPattern = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** The amount in major units as the link writes it: the currency's decimals, no grouping ("1234.50"). */
export function formatLinkAmount(amountMinor: bigint, currency: Currency): string {
  return formatMinorUnits(amountMinor, currency.decimals).replace(/,/g, "");
}

/** The link's amount in minor units, or null when it is not a positive protocol amount in `currency`. */
export function parseLinkAmount(text: string, currency: Currency): bigint | null {
  const match = majorUnitsPattern.exec(text);
  if (match === null) return null;
  const whole = match[1]!;
  const fraction = match[2] ?? "";
  if (fraction.length > currency.decimals) return null;
  const minorDigits = (whole + fraction.padEnd(currency.decimals, "0")).replace(/^0+/, "");
  // The protocol's own rule for an amount: 1 to 16 digits of minor units, never zero.
  return amountPattern.test(minorDigits) ? BigInt(minorDigits) : null;
}

/** The link to `/pay` on `origin` for `request`, with the payee's `signature` when there is one. */
export function formatRequestLink(
  origin: string,
  request: PaymentRequest,
  currency: Currency,
  signature: string | null = null,
): string {
  const query = new URLSearchParams({ to: request.to });
  if (request.amountMinor !== null) query.set("amount", formatLinkAmount(request.amountMinor, currency));
  if (request.memo !== "") query.set("memo", request.memo);
  if (request.expiresAt !== null) query.set("expires", String(request.expiresAt));
  if (signature !== null) query.set("sig", signature);
  return `${origin.replace(/\/+$/, "")}${payPath}?${query.toString()}`;
}

/** The query part of a whole URL, a path with a query, or a bare query ("to=…", "?to=…"), without any fragment. */
function queryOf(text: string): string {
  const withoutFragment = text.split("#", 1)[0] ?? "";
  const questionMark = withoutFragment.indexOf("?");
  if (questionMark >= 0) return withoutFragment.slice(questionMark + 1);
  // A URL or path without a query has no fields at all (so: missing_to); a bare query is the whole text.
  return /^[a-z][a-z0-9+.-]*:|^\//i.test(withoutFragment) ? "" : withoutFragment;
}

/** A link's query (URLSearchParams, or the whole URL) read back, checked against the currency and the clock. */
export function parseRequestLink(
  query: URLSearchParams | string,
  currency: Currency,
  nowMs: number,
): ParsedRequestLink {
  const refuse = (error: RequestLinkError) => ({ ok: false, error }) as const;
  const queryText = typeof query === "string" ? queryOf(query) : query.toString();
  if (queryText.length > requestQueryCharsMax) return refuse("too_long");
  const params = typeof query === "string" ? new URLSearchParams(queryText) : query;

  // Every field once at most, and no field the wallet does not know: anything it did not check must not travel
  // beside what it did (the protocol's rule for transactions, for the same reason).
  const fields = new Map<FieldName, string>();
  for (const [name, value] of params) {
    const known = fieldNames.find((fieldName) => fieldName === name);
    if (known === undefined) return refuse("unknown_field");
    if (fields.has(known)) return refuse("repeated_field");
    fields.set(known, value);
  }

  const to = fields.get("to");
  if (to === undefined || to === "") return refuse("missing_to");
  if (accountKeyProblem(to) !== null) return refuse("bad_key");

  const amountText = fields.get("amount");
  let amountMinor: bigint | null = null;
  if (amountText !== undefined) {
    amountMinor = parseLinkAmount(amountText, currency);
    if (amountMinor === null) return refuse("bad_amount");
  }

  const memo = fields.get("memo") ?? "";
  if (memoProblem(memo) !== null) return refuse("bad_memo");

  const expiresText = fields.get("expires");
  let expiresAt: number | null = null;
  if (expiresText !== undefined) {
    if (!expiresPattern.test(expiresText)) return refuse("bad_expiry");
    expiresAt = Number(expiresText);
    if (expiresAt * 1000 <= nowMs) return refuse("expired");
  }

  const signature = fields.get("sig") ?? null;
  if (signature !== null && !hex128Pattern.test(signature)) return refuse("bad_signature");

  return { ok: true, request: { to, amountMinor, memo, expiresAt }, signature };
}
