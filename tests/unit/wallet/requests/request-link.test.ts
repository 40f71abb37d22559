// Request links (lib/wallet/requests/request-link.ts): every request the wallet can make reads back as itself,
// in every currency; every hostile link is refused with the reason the pay page names, never half read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyDecimalsMax, memoCodePointsMax } from "@/lib/ledger/limits";
import type { Currency } from "@/lib/ledger/types";
import {
  formatRequestLink,
  parseLinkAmount,
  parseRequestLink,
  requestQueryCharsMax,
  type RequestLinkError,
} from "@/lib/wallet/requests/request-link";

const usd: Currency = { code: "USD", decimals: 2 };
const krw: Currency = { code: "KRW", decimals: 0 };
const origin = "https://pay.example";
const nowMs = Date.UTC(2026, 11, 1, 12, 0, 0);
const nowSeconds = nowMs / 1000;

// A real account key (RFC 8032 §7.1 test 1's public key) and keys that are not accounts.
const key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const identityKey = `01${"0".repeat(62)}`;
const notAPoint = `02${"0".repeat(62)}`;
const signature = "ab".repeat(64);

function parse(query: string, currency: Currency = usd) {
  return parseRequestLink(query, currency, nowMs);
}

describe("parseRequestLink", () => {
  it("reads a full link, a bare query and URLSearchParams alike", () => {
    const link = `${origin}/pay?to=${key}&amount=12.50&memo=lunch+%F0%9F%8D%9C&expires=${nowSeconds + 60}&sig=${signature}`;
    const expected = {
      ok: true,
      request: { to: key, amountMinor: 1250n, memo: "lunch 🍜", expiresAt: nowSeconds + 60 },
      signature,
    };
    expect(parse(link)).toEqual(expected);
    expect(parse(link.slice(link.indexOf("?")))).toEqual(expected);
    expect(parse(link.slice(link.indexOf("?") + 1))).toEqual(expected);
    expect(parseRequestLink(new URL(link).searchParams, usd, nowMs)).toEqual(expected);
    expect(parse(`${link}#ignored`)).toEqual(expected);
  });

  it("reads an open amount, no memo, no expiry and no signature as such", () => {
    expect(parse(`/pay?to=${key}`)).toEqual({
      ok: true,
      request: { to: key, amountMinor: null, memo: "", expiresAt: null },
      signature: null,
    });
  });

  it("reads amounts with fewer decimals than the currency has", () => {
    expect(parseLinkAmount("12", usd)).toBe(1200n);
    expect(parseLinkAmount("12.5", usd)).toBe(1250n);
    expect(parseLinkAmount("0.01", usd)).toBe(1n);
    expect(parseLinkAmount("1234", krw)).toBe(1234n);
  });

  const tooLongMemo = "x".repeat(memoCodePointsMax + 1);
  const cases: [string, string, RequestLinkError, Currency?][] = [
    ["no payee", "amount=1", "missing_to"],
    ["an empty payee", "to=&amount=1", "missing_to"],
    ["a URL without a query", `${origin}/pay`, "missing_to"],
    ["an unknown field", `to=${key}&amount=1&note=hi`, "unknown_field"],
    ["a field in another case", `to=${key}&Amount=1`, "unknown_field"],
    ["a repeated amount", `to=${key}&amount=1&amount=100`, "repeated_field"],
    ["a repeated payee", `to=${key}&to=${key}`, "repeated_field"],
    ["a short key", `to=${key.slice(2)}`, "bad_key"],
    ["an uppercase key", `to=${key.toUpperCase()}`, "bad_key"],
    ["the identity key (small order)", `to=${identityKey}`, "bad_key"],
    ["a key with the sign bit set on a small-order point", `to=01${"0".repeat(60)}80`, "bad_key"],
    ["a key that is not a curve point", `to=${notAPoint}`, "bad_key"],
    ["a zero amount", `to=${key}&amount=0`, "bad_amount"],
    ["a zero amount with decimals", `to=${key}&amount=0.00`, "bad_amount"],
    ["an empty amount", `to=${key}&amount=`, "bad_amount"],
    ["a negative amount", `to=${key}&amount=-5`, "bad_amount"],
    ["too many decimals", `to=${key}&amount=1.005`, "bad_amount"],
    ["decimals in a currency without them", `to=${key}&amount=12.5`, "bad_amount", krw],
    ["a grouped amount", `to=${key}&amount=1,000`, "bad_amount"],
    ["an exponent", `to=${key}&amount=1e3`, "bad_amount"],
    ["a leading zero", `to=${key}&amount=012`, "bad_amount"],
    ["a bare point", `to=${key}&amount=.5`, "bad_amount"],
    ["a trailing point", `to=${key}&amount=5.`, "bad_amount"],
    ["a leading space (a plus in a query)", `to=${key}&amount=+5`, "bad_amount"],
    ["full-width digits", `to=${key}&amount=%EF%BC%95`, "bad_amount"],
    ["over the protocol's maximum", `to=${key}&amount=100000000000000`, "bad_amount"],
    ["a memo over the limit", `to=${key}&memo=${tooLongMemo}`, "bad_memo"],
    ["a memo with a control character", `to=${key}&memo=a%0Ab`, "bad_memo"],
    ["a memo with a NUL", `to=${key}&memo=a%00b`, "bad_memo"],
    ["an expiry that is not a number", `to=${key}&expires=tomorrow`, "bad_expiry"],
    ["an expiry in milliseconds-like digits past the pattern", `to=${key}&expires=${"9".repeat(13)}`, "bad_expiry"],
    ["an expiry with a leading zero", `to=${key}&expires=0${nowSeconds + 60}`, "bad_expiry"],
    ["an expired request", `to=${key}&expires=${nowSeconds - 1}`, "expired"],
    ["a request expiring this very second", `to=${key}&expires=${nowSeconds}`, "expired"],
    ["a short signature", `to=${key}&sig=${signature.slice(2)}`, "bad_signature"],
    ["an uppercase signature", `to=${key}&sig=${signature.toUpperCase()}`, "bad_signature"],
    ["a query longer than any request", `to=${key}&memo=${"x".repeat(requestQueryCharsMax)}`, "too_long"],
  ];
  it.each(cases)("refuses %s", (_name, query, error, currency = usd) => {
    expect(parse(query, currency)).toEqual({ ok: false, error });
  });

  it("refuses a link with a 141-code-point memo of emoji, counting code points not UTF-16 units", () => {
    const fits = "🍜".repeat(memoCodePointsMax);
    expect(parse(`to=${key}&memo=${encodeURIComponent(fits)}`).ok).toBe(true);
    expect(parse(`to=${key}&memo=${encodeURIComponent(`${fits}🍜`)}`)).toEqual({ ok: false, error: "bad_memo" });
  });
});

/** Requests the wallet can make: any amount the protocol allows in the currency, any memo, any future expiry. */
const currency = fc.record({
  code: fc.constantFrom("USD", "KRW", "EUR", "JPY", "BHD"),
  decimals: fc.integer({ min: 0, max: currencyDecimalsMax }),
});
const memoCharacter = fc
  .oneof(fc.string({ unit: "grapheme", maxLength: 1 }), fc.constantFrom("&", "=", "+", "#", "?", "%", " ", "🍜", "가"))
  .filter((text) => !/\p{Cc}/u.test(text));
const memo = fc.array(memoCharacter, { maxLength: 40 }).map((parts) => [...parts.join("")].slice(0, 140).join(""));
const request = fc.record({
  to: fc.constant(key),
  amountMinor: fc.option(fc.bigInt({ min: 1n, max: 10n ** 16n - 1n }), { nil: null }),
  memo,
  expiresAt: fc.option(fc.integer({ min: nowSeconds + 1, max: nowSeconds + 10 * 365 * 86_400 }), { nil: null }),
});

describe("request link round trips", () => {
  it("reads back every request the wallet can write, with its signature, in every currency", () => {
    fc.assert(
      fc.property(request, currency, fc.option(fc.constant(signature), { nil: null }), (made, money, sig) => {
        const link = formatRequestLink(origin, made, money, sig);
        expect(link.startsWith(`${origin}/pay?`)).toBe(true);
        expect(parseRequestLink(link, money, nowMs)).toEqual({ ok: true, request: made, signature: sig });
      }),
      { numRuns: 300 },
    );
  });

  it("never half-reads a link with one of its fields repeated or an unknown one added", () => {
    fc.assert(
      fc.property(request, fc.constantFrom("to", "amount", "memo", "expires", "sig"), (made, field) => {
        const link = formatRequestLink(origin, made, usd, signature);
        const fields = [...new URL(link).searchParams.keys()];
        const repeatedField = fields.includes(field) ? field : "to";
        expect(parseRequestLink(`${link}&${repeatedField}=1`, usd, nowMs)).toEqual({
          ok: false,
          error: "repeated_field",
        });
        expect(parseRequestLink(`${link}&x${field}=1`, usd, nowMs)).toEqual({ ok: false, error: "unknown_field" });
      }),
      { numRuns: 200 },
    );
  });
});
