// Amounts for people: minor units formatted in the node's currency, exactly (Intl formats decimal strings
// without passing through a float).
import { formatMinorUnits } from "../ledger/amount";
import type { Currency } from "../ledger/types";

export function formatAmount(
  amountMinor: string | bigint,
  currency: Currency,
  options: { signDisplay?: "always" | "auto" } = {},
): string {
  const decimal = formatMinorUnits(BigInt(amountMinor), currency.decimals).replace(/,/g, "");
  const formatter = new Intl.NumberFormat("en-US", {
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

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
