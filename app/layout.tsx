import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { publicMessages } from "@/lib/i18n/messages";
import { ThemeProvider } from "@/app/_components/preferences/theme-context";
import { parseThemeChoice, themeAttributeOf, themeColorsFor, themeCookieName } from "@/lib/theme/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: t("titleTemplate") },
    description: t("description"),
  };
}

// Rendered for each request, so that every page, the not-found page among them, carries proxy.ts's nonce.
export const dynamic = "force-dynamic";

/** The reader's theme choice, from its cookie (lib/theme/theme.ts): System when there is none. */
async function readThemeChoice() {
  return parseThemeChoice((await cookies()).get(themeCookieName)?.value);
}

// The browser's toolbar follows the theme: one theme-color per prefers-color-scheme, both the chosen theme's
// colour when the reader chose one (the toggle updates them in place when the choice changes).
export async function generateViewport(): Promise<Viewport> {
  const choice = await readThemeChoice();
  return { width: "device-width", initialScale: 1, themeColor: themeColorsFor(choice) };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The request's language (i18n/request.ts): the page says which it is, and client components get its messages,
  // but for the explorer's, which its own layout adds once the reader is signed in.
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  // The theme is on <html> in the server's answer, so that the first paint is already in the right theme.
  const themeChoice = await readThemeChoice();
  return (
    <html lang={locale} data-theme={themeAttributeOf(themeChoice)}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <NextIntlClientProvider messages={publicMessages(messages)}>
          <ThemeProvider initialChoice={themeChoice}>{children}</ThemeProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
