// The message catalogues, one JSON file per area and language (messages/<locale>/<area>.json), so that each part
// of the app keeps its own texts. An area's top-level key is its namespace: useTranslations("wallet").
import type { AppLocale } from "./locales";

// Add an area here and a file of that name in both messages/en and messages/ko.
const areas = [
  "common",
  "wallet",
  "walletErrors",
  "preferences",
  "explorer",
  "explorerLog",
  "explorerActions",
  "requests",
  "explorerWebhooks",
  "receipts",
  "signin",
  "contacts",
  "scan",
  "offline",
] as const;

export type Messages = Record<string, unknown>;

/**
 * The explorer's areas: only its layout, after the admin check, hands them to client components. Every other page
 * ships the rest alone, so that a page anyone can open neither carries the admin pages' texts nor their weight.
 */
export const adminAreas: readonly string[] = ["explorer", "explorerLog", "explorerActions", "explorerWebhooks"];

/** The messages client components get outside the explorer: every area but the admin pages'. */
export function publicMessages(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).filter(([area]) => !adminAreas.includes(area)));
}

export async function loadMessages(locale: AppLocale): Promise<Messages> {
  const entries = await Promise.all(
    areas.map(async (area) => {
      const module = (await import(`../../messages/${locale}/${area}.json`)) as { default: Messages };
      return [area, module.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
