// Amounts and times for people, through Intl in the reader's locale: minor units formatted in the node's currency,
// exactly (Intl formats decimal strings without passing through a float). Every function takes an Intl `locale`
// tag ("en-US", "ko-KR"; lib/i18n/locales.ts intlLocaleOf) and defaults to en-US, so that a caller without a
// locale, such as a test or a log line, still gets one fixed answer.
import { formatMinorUnits } from "../ledger/amount";
import type { Currency } from "../ledger/types";

const defaultIntlLocale = "en-US";

export type AmountOptions = { signDisplay?: "always" | "auto"; locale?: string };

export function formatAmount(amountMinor: string | bigint, currency: Currency, options: AmountOptions = {}): string {
  const decimal = formatMinorUnits(BigInt(amountMinor), currency.decimals).replace(/,/g, "");
  const formatter = new Intl.NumberFormat(options.locale ?? defaultIntlLocale, {
    style: "currency",
    currency: currency.code,
    minimumFractionDigits: currency.decimals,
    maximumFractionDigits: currency.decimals,
    signDisplay: options.signDisplay ?? "auto",
  });
  // A decimal string is formatted exactly (Intl.NumberFormat v3); the cast only widens the TypeScript signature.
  return formatter.format(decimal as unknown as number);
}

/** A count or other plain number, grouped as the locale groups digits. */
export function formatNumber(value: number | bigint, options: { locale?: string } = {}): string {
  return new Intl.NumberFormat(options.locale ?? defaultIntlLocale).format(value);
}

export function shortKey(publicKey: string): string {
  return `${publicKey.slice(0, 8)}…${publicKey.slice(-6)}`;
}

/**
 * A date and time in `timeZone`, by default the runtime's own. The runtime's zone differs between the server and
 * the browser: in a page that hydrates, render it through <LocalTime>, which formats it on one side only.
 */
export function formatTime(iso: string, options: { timeZone?: string; locale?: string } = {}): string {
  const { locale, ...zone } = options;
  return new Intl.DateTimeFormat(locale ?? defaultIntlLocale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...zone,
  }).format(new Date(iso));
}

// The largest unit that fits, so that "3 hours ago" never reads "180 minutes ago".
const relativeUnits: readonly { unit: Intl.RelativeTimeFormatUnit; seconds: number }[] = [
  { unit: "year", seconds: 365 * 86_400 },
  { unit: "month", seconds: 30 * 86_400 },
  { unit: "day", seconds: 86_400 },
  { unit: "hour", seconds: 3600 },
  { unit: "minute", seconds: 60 },
  { unit: "second", seconds: 1 },
];

/** Under this many seconds a time is "now": a clock a little behind the node's never says "in 3 seconds". */
const nowSeconds = 5;

/** How long before `nowMs` the moment `iso` was ("now", "30 seconds ago", "yesterday", "3일 전"). */
export function formatRelative(iso: string, nowMs: number, options: { locale?: string } = {}): string {
  const formatter = new Intl.RelativeTimeFormat(options.locale ?? defaultIntlLocale, { numeric: "auto" });
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < nowSeconds) return formatter.format(0, "second");
  const { unit, seconds: unitSeconds } = relativeUnits.find((candidate) => seconds >= candidate.seconds)!;
  return formatter.format(-Math.floor(seconds / unitSeconds), unit);
}

/** Where a transaction sits in its block's Merkle tree, and what proves it (the protocol's 0-based leaf index). */
export function describeLeafPlace(proof: { leafIndex: number; treeSize: number; path: readonly string[] }): string {
  const place = `Leaf ${proof.leafIndex} of ${proof.treeSize}`;
  if (proof.treeSize === 1) return `${place}: the transaction's leaf is the root itself`;
  const hashCount = proof.path.length;
  return `${place}, proven by ${hashCount} ${hashCount === 1 ? "hash" : "hashes"}`;
}
