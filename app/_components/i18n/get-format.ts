// The server twin of useFormat(), for server components: const format = await getFormat().
import "server-only";
import { getLocale } from "next-intl/server";
import { defaultLocale, isAppLocale } from "@/lib/i18n/locales";
import { formatOf, type Format } from "./format-of";

export type { Format } from "./format-of";

export async function getFormat(): Promise<Format> {
  const locale = await getLocale();
  return formatOf(isAppLocale(locale) ? locale : defaultLocale);
}
