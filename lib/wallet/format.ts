// Amounts and times for people: minor units formatted in the node's currency, exactly (Intl formats decimal
// strings without passing through a float), in one fixed locale so that the server and the browser agree.
import { formatMinorUnits } from "../ledger/amount";
import type { Currency } from "../ledger/types";

const locale = "en-US";

export function formatAmount(
  amountMinor: string | bigint,
  currency: Currency,
  options: { signDisplay?: "always" | "auto" } = {},
): string {
  const decimal = formatMinorUnits(BigInt(amountMinor), currency.decimals).replace(/,/g, "");
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.code,
    minimumFractionDigits: currency.decimals,
    maximumFractionDigits: currency.decimals,
    signDisplay: options.signDisplay ?? "auto",
  });
  // A decimal string is formatted exactly (Intl.NumberFormat v3); the cast only widens the TypeScript signature.
  return formatter.format(decimal as unknown as number);
}

export function shortKey(publicKey: string): string {
  return `${publicKey.slice(0, 8)}…${publicKey.slice(-6)}`;
}

/**
 * A date and time in `timeZone`, by default the runtime's own. The runtime's zone differs between the server and
 * the browser: in a page that hydrates, render it through <LocalTime>, which formats it on one side only.
 */
export function formatTime(iso: string, options: { timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...options }).format(new Date(iso));
}

/** Where a transaction sits in its block's Merkle tree, and what proves it (the protocol's 0-based leaf index). */
export function describeLeafPlace(proof: { leafIndex: number; treeSize: number; path: readonly string[] }): string {
  const place = `Leaf ${proof.leafIndex} of ${proof.treeSize}`;
  if (proof.treeSize === 1) return `${place}: the transaction's leaf is the root itself`;
  const hashCount = proof.path.length;
  return `${place}, proven by ${hashCount} ${hashCount === 1 ? "hash" : "hashes"}`;
}
