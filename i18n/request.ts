// next-intl's per-request configuration (found by the plugin in next.config.js): the locale from the cookie or
// Accept-Language (lib/i18n/locales.ts), and that locale's messages. No locale in the URL: a payment link or an
// explorer address is the same in every language.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "@/lib/i18n/messages";
import { localeCookie, pickLocale } from "@/lib/i18n/locales";

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(cookieStore.get(localeCookie)?.value, headerList.get("accept-language"));
  // Times rendered on the server are in UTC; <LocalTime> renders them again in the reader's own zone.
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
