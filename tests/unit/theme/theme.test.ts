// The theme choice's cookie and the browser's theme-color (lib/theme/theme.ts).
import { describe, expect, test } from "vitest";
import { parseThemeChoice, themeAttributeOf, themeColors, themeColorsFor, themeCookieOf } from "@/lib/theme/theme";

describe("the theme cookie", () => {
  test.each([
    ["light", "light"],
    ["dark", "dark"],
    ["system", "system"],
    [undefined, "system"],
    ["", "system"],
    ["Dark", "system"],
    ["dark; injected", "system"],
    ["x".repeat(5000), "system"],
  ])("%j reads as %s", (value, expected) => {
    expect(parseThemeChoice(value)).toBe(expected);
  });

  test("a choice is kept a year on every path, SameSite=Lax; System removes the cookie", () => {
    expect(themeCookieOf("dark")).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(themeCookieOf("light")).toBe("theme=light; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(themeCookieOf("system")).toBe("theme=system; Path=/; Max-Age=0; SameSite=Lax");
  });

  test("<html data-theme> is the choice, and absent for System", () => {
    expect(themeAttributeOf("dark")).toBe("dark");
    expect(themeAttributeOf("light")).toBe("light");
    expect(themeAttributeOf("system")).toBeUndefined();
  });
});

describe("the browser's theme-color", () => {
  test("System gives each prefers-color-scheme its own colour", () => {
    expect(themeColorsFor("system")).toEqual([
      { media: "(prefers-color-scheme: light)", color: themeColors.light },
      { media: "(prefers-color-scheme: dark)", color: themeColors.dark },
    ]);
  });

  test.each(["light", "dark"] as const)("%s gives both media queries its colour", (choice) => {
    expect(themeColorsFor(choice).map(({ color }) => color)).toEqual([themeColors[choice], themeColors[choice]]);
  });
});
