// Times as text, the same on the server and in every browser: absolute times in UTC written out from the ISO
// string itself (no locale, no time zone, no ICU version can change them), and relative times computed from a
// clock the caller passes in (the browser's, once it has mounted).
import { countOf } from "./plural";

/** "2026-12-01 09:40:25 UTC". */
export function formatUtc(iso: string): string {
  const normalized = new Date(iso).toISOString();
  return `${normalized.slice(0, 10)} ${normalized.slice(11, 19)} UTC`;
}

export function relativeTime(iso: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${countOf(Math.floor(seconds / 86_400), { one: "day", other: "days" })} ago`;
}
