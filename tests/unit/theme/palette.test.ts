// The dark palette (lib/theme/palette.ts): the committed app/dark-palette.css is what the installed Tailwind's
// palette gives, and every text/background pair that passes WCAG AA (4.5:1) in the light theme still passes in
// the dark one, which is what lets the app's classes turn dark without a dark: variant on each.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { darkPaletteCss } from "@/lib/theme/dark-palette-css";
import {
  contrastRatio,
  darkScale,
  darkWhite,
  formatOklch,
  neutralScales,
  paletteSteps,
  parseOklch,
  readPalette,
  type Oklch,
} from "@/lib/theme/palette";

const root = path.resolve(import.meta.dirname, "../../..");
const themeCss = readFileSync(path.join(root, "node_modules/tailwindcss/theme.css"), "utf8");
const palette = readPalette(themeCss);
const scales = [...palette.keys()];

const light = new Map<string, Oklch>([["white", { lightness: 1, chroma: 0, hue: 0 }]]);
const dark = new Map<string, Oklch>([["white", darkWhite(palette)]]);
for (const [name, scale] of palette) {
  const darkened = darkScale(scale, neutralScales.has(name));
  for (const step of paletteSteps) {
    light.set(`${name}-${step}`, scale[step]);
    dark.set(`${name}-${step}`, darkened[step]);
  }
}

function colorsAt(steps: readonly number[]): string[] {
  return scales.flatMap((name) => steps.map((step) => `${name}-${step}`));
}

/** How the app pairs colours: dark text on pale surfaces, and white or pale text on strong backgrounds. */
const pairs: [foreground: string, background: string][] = [
  ...["white", ...colorsAt([50, 100])].flatMap((background) =>
    colorsAt([500, 600, 700, 800, 900, 950]).map((foreground) => [foreground, background] as [string, string]),
  ),
  ...colorsAt([200]).flatMap((background) =>
    colorsAt([700, 800, 900, 950]).map((foreground) => [foreground, background] as [string, string]),
  ),
  ...colorsAt([500, 600, 700, 800, 900, 950]).flatMap((background) =>
    ["white", ...colorsAt([50, 100])].map((foreground) => [foreground, background] as [string, string]),
  ),
];

function ratio(colors: Map<string, Oklch>, foreground: string, background: string): number {
  const [first, second] = [colors.get(foreground), colors.get(background)];
  if (first === undefined || second === undefined) throw new Error(`no colour ${foreground} or ${background}`);
  return contrastRatio(first, second);
}

describe("the dark palette", () => {
  test("app/dark-palette.css is what the installed Tailwind's palette gives (run scripts/write-dark-palette.ts)", () => {
    expect(readFileSync(path.join(root, "app/dark-palette.css"), "utf8")).toBe(darkPaletteCss(themeCss));
  });

  test("it covers Tailwind's scales, the ones the app uses among them", () => {
    for (const name of ["slate", "indigo", "rose", "emerald", "amber", "sky", "red"]) expect(scales).toContain(name);
    expect(scales.length).toBeGreaterThanOrEqual(22);
  });

  test("every pair that reads in the light theme reads in the dark one (WCAG AA, 4.5:1)", () => {
    const lost = pairs
      .filter(([foreground, background]) => ratio(light, foreground, background) >= 4.5)
      .filter(([foreground, background]) => ratio(dark, foreground, background) < 4.5)
      .map(([foreground, background]) => `${foreground} on ${background}: ${ratio(dark, foreground, background)}`);
    expect(lost).toEqual([]);
  });

  test("the surfaces turn dark: the page darkest, cards above it, chips above them", () => {
    const lightness = (color: string) => dark.get(color)?.lightness ?? Number.NaN;
    expect(lightness("slate-50")).toBeLessThan(lightness("white"));
    expect(lightness("white")).toBeLessThan(lightness("slate-100"));
    expect(lightness("slate-100")).toBeLessThan(lightness("slate-200"));
    expect(lightness("white")).toBeLessThan(0.25);
  });

  test("a hovered button (500) differs from its base (600), so hover shows in both themes", () => {
    for (const name of scales) expect(dark.get(`${name}-500`)).not.toEqual(dark.get(`${name}-600`));
  });
});

describe("the contrast arithmetic", () => {
  test.each([
    ["white on black", "oklch(100% 0 0)", "oklch(0% 0 0)", 21],
    ["the same colour", "oklch(55.4% 0.046 257.417)", "oklch(55.4% 0.046 257.417)", 1],
    // Tailwind's slate 500 (#62748e) on white is 4.76:1 by the WCAG formula.
    ["slate 500 on white", "oklch(55.4% 0.046 257.417)", "oklch(100% 0 0)", 4.76],
  ])("%s", (_name, first, second, expected) => {
    expect(contrastRatio(parseOklch(first), parseOklch(second))).toBeCloseTo(expected, 1);
  });

  test("oklch() text round-trips, a hue of none included", () => {
    expect(formatOklch(parseOklch("oklch(51.1% 0.262 276.966)"))).toBe("oklch(51.1% 0.262 276.966)");
    expect(parseOklch("oklch(98.5% 0 none)")).toEqual({ lightness: 0.985, chroma: 0, hue: 0 });
    expect(() => parseOklch("#fff")).toThrow("not an oklch() colour");
  });
});
