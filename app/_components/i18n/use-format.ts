"use client";
// Money, numbers and times in the page's language, for client components: const format = useFormat();
// format.amount(minor, currency). The locale is next-intl's (i18n/request.ts), so it matches the page's text.
import { useMemo } from "react";
import { useLocale } from "next-intl";
import { defaultLocale, isAppLocale } from "@/lib/i18n/locales";
import { formatOf, type Format } from "./format-of";

export type { Format } from "./format-of";

export function useFormat(): Format {
  const locale = useLocale();
  return useMemo(() => formatOf(isAppLocale(locale) ? locale : defaultLocale), [locale]);
}
