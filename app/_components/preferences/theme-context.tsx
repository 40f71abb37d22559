"use client";
// The theme choice for the whole page: app/layout.tsx reads it from the cookie and hands it here, so the toggle
// renders the same choice on the server and in the browser (no hydration mismatch, no flash of a wrong choice).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import {
  themeAttributeOf,
  themeColorMediaQueries,
  themeColorsFor,
  themeCookieOf,
  type ThemeChoice,
} from "@/lib/theme/theme";

type ThemeState = { choice: ThemeChoice; choose: (choice: ThemeChoice) => void };

const ThemeContext = createContext<ThemeState | null>(null);

/** Applies a choice to the open page at once; the cookie makes the next page load render it from the server. */
function applyThemeChoice(choice: ThemeChoice): void {
  document.cookie = themeCookieOf(choice);
  const attribute = themeAttributeOf(choice);
  if (attribute === undefined) delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = attribute;
  // The browser's toolbar colour: layout.tsx renders one theme-color per media query; give each the new colour.
  const colors = themeColorsFor(choice);
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const media = meta.media === "" ? themeColorMediaQueries.light : meta.media;
    const color = colors.find((entry) => entry.media === media)?.color;
    if (color !== undefined) meta.content = color;
  }
}

export function ThemeProvider({ initialChoice, children }: { initialChoice: ThemeChoice; children: ReactNode }) {
  const [choice, setChoice] = useState(initialChoice);
  const choose = useCallback((next: ThemeChoice) => {
    applyThemeChoice(next);
    setChoice(next);
  }, []);
  const state = useMemo(() => ({ choice, choose }), [choice, choose]);
  return <ThemeContext value={state}>{children}</ThemeContext>;
}

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (state === null) throw new Error("useTheme() needs a <ThemeProvider> (app/layout.tsx renders one)");
  return state;
}
