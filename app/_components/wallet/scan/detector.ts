"use client";
// A QR code reader: the browser's own BarcodeDetector where it has one that reads QR codes (Chrome on Android
// and macOS), else the barcode-detector ponyfill over zxing-wasm, loaded only when a scan starts. Its
// WebAssembly comes from this app (scripts/copy-scanner-wasm.ts puts it in public/vendor/), never from the
// CDN the library would use by default; the page's CSP allows compiling it ('wasm-unsafe-eval').

export type QrReader = { detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]> };

type NativeDetectorClass = {
  new (options: { formats: string[] }): QrReader;
  getSupportedFormats(): Promise<string[]>;
};

let reader: Promise<QrReader> | null = null;

async function nativeReader(): Promise<QrReader | null> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (native === undefined) return null;
  try {
    const formats = await native.getSupportedFormats();
    return formats.includes("qr_code") ? new native({ formats: ["qr_code"] }) : null;
  } catch {
    return null;
  }
}

async function ponyfillReader(): Promise<QrReader> {
  const { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } = await import("barcode-detector/ponyfill");
  const wasmPath = `/vendor/zxing_reader-${ZXING_WASM_VERSION}.wasm`;
  // Instantiated now, so that a missing file fails here, where the dialog can say so, not on the first frame.
  await prepareZXingModule({
    overrides: { locateFile: (file: string, prefix: string) => (file.endsWith(".wasm") ? wasmPath : prefix + file) },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ["qr_code"] });
}

/** The reader, made once per page; a failed load is tried again next time. */
export function loadQrReader(): Promise<QrReader> {
  reader ??= (async () => (await nativeReader()) ?? (await ponyfillReader()))();
  reader.catch(() => {
    reader = null;
  });
  return reader;
}
