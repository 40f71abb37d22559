// Money is exact: integer minor units as bigint in code and decimal strings on the wire.
import { amountPattern } from "./limits";

export function isAmountString(value: string): boolean {
  return amountPattern.test(value);
}

export function parseAmountMinor(value: string): bigint {
  if (!amountPattern.test(value)) throw new RangeError("amount is not a protocol amount string");
  return BigInt(value);
}

/**
 * Parses a person's amount in major units ("12.5", "1,234.50") into minor units for a currency with `decimals`
 * places. The point is the decimal separator; commas may only group thousands, as formatMinorUnits writes them.
 * Returns null for anything that is not a plain non-negative decimal with at most `decimals` fraction digits.
 */
export function parseMajorUnits(text: string, decimals: number): bigint | null {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null) return null;
  const whole = match[1]!.replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return null;
  return BigInt(whole + fraction.padEnd(decimals, "0"));
}

/** Formats minor units as major units with exactly `decimals` fraction digits, without floating point. */
export function formatMinorUnits(amountMinor: bigint, decimals: number): string {
  const isNegative = amountMinor < 0n;
  const digits = (isNegative ? -amountMinor : amountMinor).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : "";
  return `${isNegative ? "-" : ""}${grouped}${fraction}`;
}
