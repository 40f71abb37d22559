// The languages the app speaks, and which one a request gets: the `NEXT_LOCALE` cookie the language switch sets,
// else the best match of the browser's `Accept-Language` (RFC 9110 §12.5.4: q-values, primary-subtag match),
// else English. Pure, so that the server, the switch and the tests agree.
export const locales = ["en", "ko"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "en";

/** The cookie the language switch writes (the name next-intl's own routing uses). */
export const localeCookie = "NEXT_LOCALE";

/** The BCP 47 tag each locale formats numbers, money and dates with. */
export const intlLocaleOf: Record<AppLocale, string> = { en: "en-US", ko: "ko-KR" };

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** At most this many language ranges are read from one header: a longer list says nothing more. */
const maxRanges = 32;

/** The locale an `Accept-Language` header asks for most, of those the app has; undefined when none matches. */
export function matchAcceptLanguage(header: string | null | undefined): AppLocale | undefined {
  if (!header) return undefined;
  let best: { locale: AppLocale; q: number } | undefined;
  for (const part of header.slice(0, 1024).split(",").slice(0, maxRanges)) {
    const [range = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const primary = range.trim().toLowerCase().split("-")[0];
    if (!isAppLocale(primary)) continue;
    if (best === undefined || q > best.q) best = { locale: primary, q };
  }
  return best?.locale;
}

/** The locale of a request: its cookie when that names one we have, else its Accept-Language, else English. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): AppLocale {
  if (isAppLocale(cookieValue)) return cookieValue;
  return matchAcceptLanguage(acceptLanguage) ?? defaultLocale;
}
