// Which language a request gets: the NEXT_LOCALE cookie when it names one the app has, else the best match of
// Accept-Language (q-values, primary subtags, nothing hostile gets through), else English.
import { describe, expect, it } from "vitest";
import { intlLocaleOf, isAppLocale, matchAcceptLanguage, pickLocale } from "@/lib/i18n/locales";

describe("matchAcceptLanguage", () => {
  it.each([
    ["ko", "ko"],
    ["ko-KR", "ko"],
    ["KO-kr", "ko"],
    ["en-US,en;q=0.9", "en"],
    ["ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"],
    ["en;q=0.5, ko;q=0.8", "ko"],
    ["fr-FR,fr;q=0.9,ko;q=0.3", "ko"],
    ["fr, de;q=0.9", undefined],
    ["*", undefined],
    ["", undefined],
    ["  ko  ;  q=0.7 ", "ko"],
    // The first of equal q-values wins: the browser lists its favourite first.
    ["en, ko", "en"],
    ["ko, en", "ko"],
  ] as const)("%j picks %s", (header, expected) => {
    expect(matchAcceptLanguage(header)).toBe(expected);
  });

  it.each([
    ["q=0 refuses the language", "ko;q=0, en;q=0.1", "en"],
    ["a q-value above 1 is ignored", "ko;q=2, en;q=0.5", "en"],
    ["a q-value that is not a number is ignored", "ko;q=abc, en;q=0.5", "en"],
    ["a negative q-value is ignored", "ko;q=-1", undefined],
    ["a tag that is only a prefix of ours is not ours", "kor, english", undefined],
  ] as const)("%s", (_, header, expected) => {
    expect(matchAcceptLanguage(header)).toBe(expected);
  });

  it("treats a missing header as no preference", () => {
    expect(matchAcceptLanguage(null)).toBeUndefined();
    expect(matchAcceptLanguage(undefined)).toBeUndefined();
  });

  it("reads a bounded prefix of a hostile header, and fast", () => {
    const huge = `${"xx;q=0.1,".repeat(100_000)}ko`;
    const started = performance.now();
    expect(matchAcceptLanguage(huge)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(100);
    expect(matchAcceptLanguage(`${",".repeat(10_000)}ko`)).toBeUndefined();
    expect(matchAcceptLanguage("ko;q=0.9;q=0.1;;;==")).toBe("ko");
    expect(matchAcceptLanguage("\u0000ko\u202e, ko")).toBe("ko");
  });
});

describe("pickLocale", () => {
  it.each([
    ["the cookie wins over the header", "ko", "en-US", "ko"],
    ["the cookie wins the other way too", "en", "ko-KR", "en"],
    ["no cookie: the header", undefined, "ko-KR,ko;q=0.9", "ko"],
    ["a cookie we do not have: the header", "fr", "ko", "ko"],
    ["a hostile cookie: the header", "ko; path=/", "en", "en"],
    ["neither: English", undefined, undefined, "en"],
    ["an unknown language and no cookie: English", undefined, "ja-JP", "en"],
  ] as const)("%s", (_, cookie, header, expected) => {
    expect(pickLocale(cookie, header)).toBe(expected);
  });
});

describe("isAppLocale and intlLocaleOf", () => {
  it("knows exactly its languages, and formats each in a full Intl tag", () => {
    expect(isAppLocale("en")).toBe(true);
    expect(isAppLocale("ko")).toBe(true);
    expect(isAppLocale("ko-KR")).toBe(false);
    expect(isAppLocale(undefined)).toBe(false);
    expect(isAppLocale(1)).toBe(false);
    expect(intlLocaleOf).toEqual({ en: "en-US", ko: "ko-KR" });
  });
});
