// Renders an explorer component to HTML as Next.js would on the server, inside next-intl's provider with one
// language's real message files, so that a test reads the very sentences a page shows.
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { AppLocale } from "@/lib/i18n/locales";
import { loadMessages, type Messages } from "@/lib/i18n/messages";

const catalogues = new Map<AppLocale, Messages>();

/** Loads a language's messages once; call it (awaited) before renderInLocale. */
export async function loadLocale(locale: AppLocale): Promise<void> {
  if (!catalogues.has(locale)) catalogues.set(locale, await loadMessages(locale));
}

export function renderInLocale(locale: AppLocale, element: ReactElement): string {
  const messages = catalogues.get(locale);
  if (messages === undefined) throw new Error(`loadLocale("${locale}") first`);
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, { locale, messages, timeZone: "UTC", children: element }),
  );
}

/** A translator for one area of a loaded language, as a component's useTranslations(area) would be. */
export function translatorOf(
  locale: AppLocale,
  namespace: string,
): (key: string, values?: Record<string, string | number>) => string {
  const messages = catalogues.get(locale);
  if (messages === undefined) throw new Error(`loadLocale("${locale}") first`);
  // The catalogues are untyped JSON, so the translator's typed keys are widened to strings.
  const translate = createTranslator({ locale, messages, namespace, timeZone: "UTC" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  return translate;
}
