// Money, numbers and relative times through Intl in the reader's locale: KRW:0 is ₩1,234 in both languages,
// cents keep their two digits, a minus sign survives, and amounts beyond a float's 2^53 stay exact.
import { describe, expect, it } from "vitest";
import { formatAmount, formatNumber, formatRelative } from "@/lib/wallet/format";

const krw = { code: "KRW", decimals: 0 };
const usd = { code: "USD", decimals: 2 };

describe("formatAmount", () => {
  it.each([
    ["1234", krw, "ko-KR", "₩1,234"],
    ["1234", krw, "en-US", "₩1,234"],
    ["0", krw, "ko-KR", "₩0"],
    ["-1234", krw, "ko-KR", "-₩1,234"],
    ["123456", usd, "en-US", "$1,234.56"],
    ["5", usd, "en-US", "$0.05"],
    ["-100", usd, "en-US", "-$1.00"],
    ["123456", usd, "ko-KR", "US$1,234.56"],
  ])("%s minor units of %o in %s is %s", (amountMinor, currency, locale, expected) => {
    expect(formatAmount(amountMinor, currency, { locale })).toBe(expected);
  });

  it("defaults to en-US for callers that give no locale", () => {
    expect(formatAmount(123456n, usd)).toBe("$1,234.56");
  });

  it("shows the sign when asked", () => {
    expect(formatAmount("1234", krw, { locale: "ko-KR", signDisplay: "always" })).toBe("+₩1,234");
  });

  it("keeps huge amounts exact, past where a float would round", () => {
    const huge = 2n ** 63n - 1n; // 9223372036854775807
    expect(formatAmount(huge, krw, { locale: "ko-KR" })).toBe("₩9,223,372,036,854,775,807");
    expect(formatAmount(huge, usd, { locale: "en-US" })).toBe("$92,233,720,368,547,758.07");
    expect(formatAmount(-huge, usd, { locale: "en-US" })).toBe("-$92,233,720,368,547,758.07");
  });
});

describe("formatNumber", () => {
  it("groups digits, bigint included", () => {
    expect(formatNumber(1234567, { locale: "ko-KR" })).toBe("1,234,567");
    expect(formatNumber(12345678901234567890n)).toBe("12,345,678,901,234,567,890");
  });
});

describe("formatRelative", () => {
  const iso = "2026-12-01T12:00:00.000Z";
  const at = (msLater: number) => Date.parse(iso) + msLater;

  it.each([
    [0, "en-US", "now"],
    [4_000, "en-US", "now"],
    [-10_000, "en-US", "now"], // a clock behind the node's never says "in 10 seconds"
    [30_000, "en-US", "30 seconds ago"],
    [5 * 60_000, "en-US", "5 minutes ago"],
    [3 * 3_600_000, "en-US", "3 hours ago"],
    [86_400_000, "en-US", "yesterday"],
    [3 * 86_400_000, "en-US", "3 days ago"],
    [0, "ko-KR", "지금"],
    [30_000, "ko-KR", "30초 전"],
    [5 * 60_000, "ko-KR", "5분 전"],
    [3 * 3_600_000, "ko-KR", "3시간 전"],
    [3 * 86_400_000, "ko-KR", "3일 전"],
  ])("%i ms later in %s is %s", (msLater, locale, expected) => {
    expect(formatRelative(iso, at(msLater), { locale })).toBe(expected);
  });
});
