// Writes app/dark-palette.css: the dark theme's palette variables, derived from the installed Tailwind's palette by
// lib/theme/palette.ts. Run it again after upgrading Tailwind (a unit test fails while the file is stale):
//   npx tsx scripts/write-dark-palette.ts
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { darkPaletteCss } from "@/lib/theme/dark-palette-css";

const root = path.resolve(import.meta.dirname, "..");
const themeCss = readFileSync(path.join(root, "node_modules/tailwindcss/theme.css"), "utf8");
writeFileSync(path.join(root, "app/dark-palette.css"), darkPaletteCss(themeCss));
