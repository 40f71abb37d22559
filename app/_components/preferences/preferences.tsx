"use client";
// The reader's preferences, shown in every page's header: the language switch and the theme toggle (issue 12).
// Place <Preferences /> in a header; it takes no props. It needs app/layout.tsx's ThemeProvider and next-intl's
// provider, which the root layout gives every page.
import { useTranslations } from "next-intl";
import { LanguageSwitch } from "./language-switch";
import { ThemeToggle } from "./theme-toggle";

export function Preferences() {
  const t = useTranslations("preferences");
  return (
    <div role="group" aria-label={t("label")} className="flex flex-wrap items-center gap-2">
      <LanguageSwitch />
      <ThemeToggle />
    </div>
  );
}
