"use client";
// The language switch: a labelled list of the app's languages, each named in itself (English, 한국어) so that a
// reader who cannot read the current one still finds theirs. Choosing one writes the NEXT_LOCALE cookie that
// i18n/request.ts reads first, and asks the server for the page again: the URL stays the same in every language.
import { useId, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { isAppLocale, localeCookie, locales, type AppLocale } from "@/lib/i18n/locales";

/** A year, in seconds: the choice outlives the session, as a reader expects of a language setting. */
const cookieMaxAgeSeconds = 365 * 24 * 60 * 60;

export function writeLocaleCookie(locale: AppLocale): void {
  // Lax: sent with a link followed from elsewhere (a payment link opens in the reader's language), not with posts.
  document.cookie = `${localeCookie}=${locale}; path=/; max-age=${cookieMaxAgeSeconds}; samesite=lax`;
}

export function LanguageSwitch() {
  const id = useId();
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  function choose(value: string) {
    if (!isAppLocale(value) || value === locale) return;
    writeLocaleCookie(value);
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {t("language")}
      </label>
      <select
        id={id}
        className="min-h-10 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
        value={locale}
        aria-busy={isPending || undefined}
        onChange={(event) => choose(event.target.value)}
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
