// The formatters of one locale, shared by the client hook (use-format.ts) and its server twin (get-format.ts), so
// that a page formats money, numbers and times the same way whichever side renders it.
import type { Currency } from "@/lib/ledger/types";
import { intlLocaleOf, type AppLocale } from "@/lib/i18n/locales";
import { formatAmount, formatNumber, formatRelative, formatTime } from "@/lib/wallet/format";

export type Format = {
  /** The Intl tag in use ("en-US", "ko-KR"). */
  intlLocale: string;
  amount: (amountMinor: string | bigint, currency: Currency, options?: { signDisplay?: "always" | "auto" }) => string;
  /** Date and time; `timeZone` defaults to the runtime's own (see <LocalTime> for pages that hydrate). */
  dateTime: (iso: string, options?: { timeZone?: string }) => string;
  /** "3 minutes ago", from `nowMs` (default: this runtime's clock; see <RelativeTime> for pages that hydrate). */
  relative: (iso: string, nowMs?: number) => string;
  number: (value: number | bigint) => string;
};

export function formatOf(locale: AppLocale): Format {
  const intlLocale = intlLocaleOf[locale];
  return {
    intlLocale,
    amount: (amountMinor, currency, options = {}) =>
      formatAmount(amountMinor, currency, { ...options, locale: intlLocale }),
    dateTime: (iso, options = {}) => formatTime(iso, { ...options, locale: intlLocale }),
    relative: (iso, nowMs = Date.now()) => formatRelative(iso, nowMs, { locale: intlLocale }),
    number: (value) => formatNumber(value, { locale: intlLocale }),
  };
}
