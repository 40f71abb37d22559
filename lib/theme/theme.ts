// The reader's theme choice (issue 12): System follows the device's prefers-color-scheme, Light and Dark override
// it. The choice lives in a cookie so that the server renders the right theme on the first paint, with no flash;
// shared by app/layout.tsx (which reads it) and the theme toggle (which writes it). No next/*: both sides run it.
import { z } from "zod";

export const themeChoices = ["system", "light", "dark"] as const;
export const themeChoiceSchema = z.enum(themeChoices);
export type ThemeChoice = z.infer<typeof themeChoiceSchema>;

export const themeCookieName = "theme";
/** A year, in seconds: long enough that the choice is remembered, bounded like every cookie should be. */
export const themeCookieMaxAgeSeconds = 365 * 24 * 60 * 60;

/** The cookie's value as a choice; anything else (absent, hand-edited, from an older version) is System. */
export function parseThemeChoice(value: string | undefined): ThemeChoice {
  const parsed = themeChoiceSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}

/** The `Set-Cookie`-style string for document.cookie: System removes the cookie, so the default needs none. */
export function themeCookieOf(choice: ThemeChoice): string {
  const maxAge = choice === "system" ? 0 : themeCookieMaxAgeSeconds;
  return `${themeCookieName}=${choice}; Path=/; Max-Age=${maxAge}; SameSite=Lax`;
}

/** The value of <html data-theme>: none for System, where the media query decides. */
export function themeAttributeOf(choice: ThemeChoice): "light" | "dark" | undefined {
  return choice === "system" ? undefined : choice;
}

/**
 * The browser's theme-color (its toolbar on phones) in each theme: the page's own background, slate 50 in the
 * light theme and the dark theme's page (its remapped slate 50, Tailwind's slate 950) as hex for every browser.
 */
export const themeColors = { light: "#f8fafc", dark: "#020618" } as const;

export const themeColorMediaQueries = {
  light: "(prefers-color-scheme: light)",
  dark: "(prefers-color-scheme: dark)",
} as const;

/**
 * The theme-color for each media query. With an explicit choice both queries get that theme's colour, so the
 * toolbar matches the page whatever the device prefers; with System each query gets its own.
 */
export function themeColorsFor(choice: ThemeChoice): { media: string; color: string }[] {
  return (["light", "dark"] as const).map((scheme) => ({
    media: themeColorMediaQueries[scheme],
    color: themeColors[choice === "system" ? scheme : choice],
  }));
}
