// The dark theme's palette, derived from Tailwind's own (issue 12). Dark mode works by redefining the palette's
// CSS variables rather than by a `dark:` variant on every class: the app is written with Tailwind palette classes
// (bg-white, text-slate-700, bg-indigo-600 text-white, …), and if each step of each scale turns into its mirror
// (light steps dark, dark steps light), every pair the light theme chose for contrast keeps its contrast. Pure:
// the script that writes app/dark-palette.css and the unit test that checks its contrast both run it.

/** A colour in OKLCH: lightness 0..1, chroma, hue in degrees (how Tailwind 4 writes its palette). */
export type Oklch = { lightness: number; chroma: number; hue: number };

export const paletteSteps = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
export type PaletteStep = (typeof paletteSteps)[number];
export type Scale = Record<PaletteStep, Oklch>;

/** The neutral scales: their darkest steps are the dark theme's surfaces, so they map a little differently. */
export const neutralScales: ReadonlySet<string> = new Set([
  "slate",
  "gray",
  "zinc",
  "neutral",
  "stone",
  "mauve",
  "olive",
  "mist",
  "taupe",
]);

// A hue of `none` (Tailwind's greys) has no hue: with no chroma, any hue is the same colour.
const oklchPattern = /^oklch\(\s*([\d.]+)%\s+([\d.]+)\s+([\d.]+|none)\s*\)$/;

export function parseOklch(text: string): Oklch {
  const match = oklchPattern.exec(text.trim());
  if (match === null) throw new Error(`not an oklch() colour: ${text}`);
  return {
    lightness: Number(match[1]) / 100,
    chroma: Number(match[2]),
    hue: match[3] === "none" ? 0 : Number(match[3]),
  };
}

export function formatOklch({ lightness, chroma, hue }: Oklch): string {
  return `oklch(${round(lightness * 100, 1)}% ${round(chroma, 3)} ${round(hue, 3)})`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Tailwind's palette from its theme.css text: every `--color-<scale>-<step>: oklch(…)` line, by scale. */
export function readPalette(themeCss: string): Map<string, Scale> {
  const scales = new Map<string, Partial<Scale>>();
  for (const match of themeCss.matchAll(/--color-([a-z]+)-(\d+):\s*(oklch\([^)]*\))/g)) {
    const [, name, step, value] = match;
    if (name === undefined || step === undefined || value === undefined) continue;
    if (!(paletteSteps as readonly number[]).includes(Number(step))) continue;
    const scale = scales.get(name) ?? {};
    scale[Number(step) as PaletteStep] = parseOklch(value);
    scales.set(name, scale);
  }
  const complete = new Map<string, Scale>();
  for (const [name, scale] of scales)
    if (paletteSteps.every((step) => scale[step] !== undefined)) complete.set(name, scale as Scale);
  return complete;
}

/** The colour `share` of the way from `a` to `b` (0: a, 1: b). */
function between(a: Oklch, b: Oklch, share: number): Oklch {
  const mix = (x: number, y: number) => x + (y - x) * share;
  return { lightness: mix(a.lightness, b.lightness), chroma: mix(a.chroma, b.chroma), hue: b.hue };
}

function tinted(color: Oklch, lightness: number, chromaShare: number): Oklch {
  return { lightness, chroma: color.chroma * chromaShare, hue: color.hue };
}

/**
 * One scale's dark counterpart. The mirror of step n is step 1000 − n, with three adjustments that keep the dark
 * theme readable: the pale tints (50, 100) that the light theme puts behind dark text become deep, less saturated
 * tints rather than the scale's near-black 950 and 900; step 500 (a hover shade of buttons whose base is 600)
 * becomes a step lighter than 600's mirror, so that dark text on a hovered button still reads; and the text
 * shades 600 and 700 land on light steps that pass WCAG AA on every dark surface.
 */
export function darkScale(light: Scale, isNeutral: boolean): Scale {
  if (isNeutral)
    return {
      50: light[950],
      100: light[800],
      200: { ...light[700], lightness: light[700].lightness - 0.04 },
      300: light[600],
      400: light[500],
      500: light[400],
      600: between(light[400], light[300], 0.5),
      700: light[300],
      800: light[200],
      900: light[100],
      950: light[50],
    };
  return {
    50: tinted(light[950], 0.26, 0.55),
    100: tinted(light[900], 0.29, 0.6),
    200: tinted(light[800], 0.36, 0.7),
    300: light[700],
    400: light[600],
    500: between(light[400], light[300], 0.65),
    600: between(light[400], light[300], 0.3),
    700: light[300],
    800: light[200],
    900: light[100],
    950: light[50],
  };
}

/** The dark theme's `--color-white`: the surface of cards and inputs, one step above the page (slate 950). */
export function darkWhite(palette: Map<string, Scale>): Oklch {
  const slate = palette.get("slate");
  if (slate === undefined) throw new Error("Tailwind's palette has no slate scale");
  return slate[900];
}

/** Every variable the dark theme redefines, in the order the CSS file lists them. */
export function darkVariables(palette: Map<string, Scale>): [name: string, value: Oklch][] {
  const variables: [string, Oklch][] = [["--color-white", darkWhite(palette)]];
  for (const [name, scale] of palette) {
    const dark = darkScale(scale, neutralScales.has(name));
    for (const step of paletteSteps) variables.push([`--color-${name}-${step}`, dark[step]]);
  }
  return variables;
}

/** OKLCH to sRGB channels 0..1 (Björn Ottosson's OKLab matrices), clipped to the sRGB gamut as Chromium does. */
export function oklchToSrgb({ lightness, chroma, hue }: Oklch): [number, number, number] {
  const a = chroma * Math.cos((hue * Math.PI) / 180);
  const b = chroma * Math.sin((hue * Math.PI) / 180);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ] as const;
  const encode = (channel: number) => {
    const clipped = Math.min(1, Math.max(0, channel));
    return clipped <= 0.0031308 ? 12.92 * clipped : 1.055 * clipped ** (1 / 2.4) - 0.055;
  };
  return [encode(linear[0]), encode(linear[1]), encode(linear[2])];
}

/** WCAG 2 relative luminance of sRGB channels 0..1. */
export function relativeLuminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number) => (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** WCAG 2 contrast ratio of two colours, 1..21. */
export function contrastRatio(first: Oklch, second: Oklch): number {
  const [lighter, darker] = [relativeLuminance(oklchToSrgb(first)), relativeLuminance(oklchToSrgb(second))].sort(
    (x, y) => y - x,
  ) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
