// Times as text, the same on the server and in every browser: absolute times in UTC written out from the ISO
// string itself (no locale, no time zone, no ICU version can change them), and relative times computed from a
// clock the caller passes in (the browser's, once it has mounted), through Intl.RelativeTimeFormat in a locale.
import { formatRelative } from "@/lib/wallet/format";

/** "2026-12-01 09:40:25 UTC". */
export function formatUtc(iso: string): string {
  const normalized = new Date(iso).toISOString();
  return `${normalized.slice(0, 10)} ${normalized.slice(11, 19)} UTC`;
}

/** "3 minutes ago" in `intlLocale` (default en-US); <RelativeTime> passes the page's. */
export function relativeTime(iso: string, nowMs: number, intlLocale = "en-US"): string {
  return formatRelative(iso, nowMs, { locale: intlLocale });
}
