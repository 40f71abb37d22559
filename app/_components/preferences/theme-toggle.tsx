"use client";
// The theme toggle: System / Light / Dark as a radio group, so that the browser gives it the keyboard (Tab into
// the group, arrows between choices) and screen readers announce each choice and which one is checked. The
// pictures keep it small enough for a phone's header; each choice's name is its label, and its tooltip.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { themeChoices } from "@/lib/theme/theme";
import { ThemeIcon } from "./theme-icons";
import { useTheme } from "./theme-context";

export function ThemeToggle() {
  const t = useTranslations("preferences");
  const { choice, choose } = useTheme();
  const name = useId();
  return (
    <fieldset className="flex items-center rounded-lg border border-slate-200 bg-slate-100 p-0.5">
      <legend className="sr-only">{t("theme")}</legend>
      {themeChoices.map((option) => (
        <label
          key={option}
          title={t("themeTitle", { choice: t(`themes.${option}`) })}
          className="relative flex size-9 items-center justify-center rounded-md text-slate-600 hover:text-slate-900 has-checked:bg-indigo-600 has-checked:text-white has-checked:shadow-sm"
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={choice === option}
            onChange={() => choose(option)}
            // The radio itself covers its label, invisible: a click or tap anywhere on the picture is on it.
            className="absolute inset-0 cursor-pointer appearance-none rounded-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
          />
          <ThemeIcon choice={option} />
          <span className="sr-only">{t(`themes.${option}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
