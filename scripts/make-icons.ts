// `npx tsx scripts/make-icons.ts`: draws the installable wallet's PNG icons (public/icons/) and the favicon
// (app/favicon.ico) from app/icon.svg with headless Chromium, once; they are checked in, so neither a build nor a
// start runs this. A browser asks for /favicon.ico whenever a page's <link rel="icon"> has not reached it yet
// (Next streams a dynamic page's metadata), so the favicon is there and is not a 404 in the console. The plain icons are
// the SVG as it is; the maskable one puts the glyph inside the central 80% circle a launcher may crop to
// (W3C Manifest "maskable" safe zone), on a full-bleed background of the icon's own colour.
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const svg = await readFile(new URL("../app/icon.svg", import.meta.url), "utf8");
const background = /fill="(#[0-9a-f]{6})"/i.exec(svg)?.[1] ?? "#4f46e5";

/** The page that is screenshotted: the SVG at `size`, or for a maskable icon, shrunk to the safe zone. */
function pageOf(size: number, isMaskable: boolean): string {
  const glyphSize = isMaskable ? Math.round(size * 0.6) : size;
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${isMaskable ? background : "transparent"}">
    <div style="width:${glyphSize}px;height:${glyphSize}px">${svg.replace("<svg ", `<svg width="${glyphSize}" height="${glyphSize}" `)}</div>
  </body></html>`;
}

const icons = [
  { file: "icon-192.png", size: 192, isMaskable: false },
  { file: "icon-512.png", size: 512, isMaskable: false },
  { file: "icon-maskable-512.png", size: 512, isMaskable: true },
];
const faviconSizePx = 32;

/** An ICO file of one PNG image (the ICO format holds PNG data as it is since Windows Vista; every browser reads it). */
function icoOf(png: Buffer, sizePx: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(sizePx, 6); // width
  header.writeUInt8(sizePx, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // the image's bytes
  header.writeUInt32LE(header.length, 18); // where they start
  return Buffer.concat([header, png]);
}

const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(pageOf(icon.size, icon.isMaskable));
    await page.screenshot({ path: `public/icons/${icon.file}`, omitBackground: !icon.isMaskable });
    await page.close();
    console.log(`public/icons/${icon.file}`);
  }
  const page = await browser.newPage({ viewport: { width: faviconSizePx, height: faviconSizePx } });
  await page.setContent(pageOf(faviconSizePx, false));
  const png = await page.screenshot({ omitBackground: true });
  await page.close();
  await writeFile("app/favicon.ico", icoOf(png, faviconSizePx));
  console.log("app/favicon.ico");
} finally {
  await browser.close();
}
