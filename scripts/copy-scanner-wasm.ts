// The QR scanner's decoder (zxing-wasm, under the barcode-detector ponyfill) is WebAssembly that the library
// would fetch from a CDN. The app serves it itself instead (no page may load code from another host, and the
// wallet must scan offline), so this copies it into public/vendor/ with its version in the name: a new version
// of the library is a new address, never a stale cached file beside newer glue code. `npm run build`, `dev`,
// `postinstall` and every build that `npm start` or the tests make run it (scripts/build-if-needed.ts).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const packageDir = path.join(root, "node_modules", "zxing-wasm");
const vendorDir = path.join(root, "public", "vendor");

/** The name the wallet asks for (app/_components/wallet/scan/detector.ts builds the same from the version). */
export function scannerWasmName(version: string): string {
  return `zxing_reader-${version}.wasm`;
}

export function copyScannerWasm(): void {
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const name = scannerWasmName(version);
  mkdirSync(vendorDir, { recursive: true });
  // Older versions' copies go: only the one the glue code expects is served.
  for (const entry of readdirSync(vendorDir))
    if (entry.startsWith("zxing_reader-") && entry !== name) rmSync(path.join(vendorDir, entry));
  const target = path.join(vendorDir, name);
  if (!existsSync(target)) copyFileSync(path.join(packageDir, "dist", "reader", "zxing_reader.wasm"), target);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  copyScannerWasm();
