// The text of app/dark-palette.css, from Tailwind's theme.css: kept apart from the script that writes it so that a
// unit test can check the committed file is what the installed Tailwind's palette gives.
import { darkVariables, formatOklch, readPalette } from "./palette";

export function darkPaletteCss(themeCss: string): string {
  const lines = darkVariables(readPalette(themeCss)).map(([name, value]) => `      ${name}: ${formatOklch(value)};`);
  return [
    "/* Written by `npx tsx scripts/write-dark-palette.ts` (lib/theme/palette.ts says how): do not edit by hand.",
    "   The dark theme redefines Tailwind's palette variables, each step becoming its mirror, so that every",
    "   utility class (bg-white, text-slate-700, bg-indigo-600 text-white, …) turns dark without a dark: variant.",
    "   `@variant dark` is the theme's own variant (globals.css): the Dark choice, or System on a dark device. */",
    "@layer base {",
    "  :root {",
    "    @variant dark {",
    ...lines,
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
}
