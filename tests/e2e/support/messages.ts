// The app's own message catalogues, for tests that find elements by the texts a person reads: the same flow then
// runs in English and in Korean (the i18n and theme engineers run the request flow both ways, light and dark).
import { readFileSync } from "node:fs";
import path from "node:path";
import IntlMessageFormat from "intl-messageformat";

export type TestLocale = "en" | "ko";

/** The areas the flows read; each is messages/<locale>/<area>.json, its namespace its name. */
const areas = ["common", "requests", "wallet", "walletErrors"] as const;
const messagesDir = path.resolve(import.meta.dirname, "../../../messages");

function loadCatalogue(locale: TestLocale): Record<string, unknown> {
  return Object.fromEntries(
    areas.map((area) => [
      area,
      JSON.parse(readFileSync(path.join(messagesDir, locale, `${area}.json`), "utf8")) as unknown,
    ]),
  );
}

const catalogues: Record<TestLocale, Record<string, unknown>> = { en: loadCatalogue("en"), ko: loadCatalogue("ko") };

const intlLocales: Record<TestLocale, string> = { en: "en-US", ko: "ko-KR" };

/** The text of `key` ("requests.pay.confirm") in `locale`, with `values` put in as the app puts them. */
export function message(locale: TestLocale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") throw new Error(`no message ${key} in ${locale}`);
  return String(new IntlMessageFormat(node, intlLocales[locale]).format(values));
}

/** A function of one locale's messages: const t = messagesOf("ko"); t("requests.pay.confirm"). */
export function messagesOf(locale: TestLocale) {
  return (key: string, values?: Record<string, string | number>) => message(locale, key, values);
}
