// The Content-Security-Policy of a page, with the nonce proxy.ts makes for each request. Next.js reads the nonce
// from the request's policy and puts it on every script and style element it renders, so only those run: with
// 'strict-dynamic', a script the page did not render itself (an injected one) never does.
import "server-only";

/** 128 random bits, base64: the nonce of one page load. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function pageContentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    // React's development build evaluates code (to rebuild server stacks); production never does.
    // 'wasm-unsafe-eval': the wallet's QR scanner compiles zxing-wasm (served by the app itself, from
    // public/vendor/) where the browser has no BarcodeDetector. It allows compiling WebAssembly only, not eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Stylesheets come from the app's own CSS files. In development, hot reloading injects style elements
    // without a nonce, so it needs 'unsafe-inline' (which a nonce beside it would switch off).
    `style-src 'self' ${isDevelopment ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // React `style` attributes (a progress bar's width, an indent) are rendered into the HTML and cannot carry a
    // nonce, and their values vary, so no hash fits. Allowing attributes alone keeps style elements, and with them
    // CSS selectors that could read a page's text, out of an attacker's reach.
    "style-src-attr 'unsafe-inline'",
    "default-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    // The API and the event stream (SSE) are the node's own.
    "connect-src 'self'",
    // The wallet's service worker (public/sw.js), which lets it open offline, and its web app manifest
    // (app/manifest.ts), which makes it installable: both are the app's own files, and nothing else may be either.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
