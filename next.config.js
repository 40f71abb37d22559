// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// Headers every answer carries: pages, the API, static files, errors and the not-found page alike. Pages get
// their own Content-Security-Policy, with a fresh nonce, from proxy.ts (which runs after these headers are set,
// so its policy replaces the one below); everything else is not a document that runs anything, so it gets the
// strictest policy there is.

/**
 * Features the app never uses, denied to it and to anything it could be tricked into framing. The camera stays
 * allowed for the app itself (a wallet will scan QR codes), and so does writing to the clipboard (the copy
 * buttons). Only features Chromium knows are listed: an unknown one is logged as an error in the console.
 */
const permissionsPolicy = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=(self)",
  "clipboard-read=()",
  "clipboard-write=(self)",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "local-fonts=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-create=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "window-management=()",
  "xr-spatial-tracking=()",
].join(", ");

const securityHeaders = [
  // A JSON answer, a script or a stylesheet loads nothing and may not be framed.
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other sites get the origin alone, never a path (an explorer path names accounts and transactions), and
  // nothing at all from https to http. Not `no-referrer`: under it the Fetch standard has a browser send
  // `Origin: null` with every same-origin POST, which blinds Origin-based CSRF checks (Next.js refuses a server
  // action whose Origin is not its host), while the full referrer it withholds never leaves the site anyway.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: permissionsPolicy },
];

/**
 * "Over https" means: the TLS-terminating proxy in front of the node said so in X-Forwarded-Proto (`next start`
 * speaks plain HTTP only, so an https request can only have come through one). The first value counts, the
 * protocol the client itself used. A client that forges the header over plain http gains nothing: a browser
 * ignores Strict-Transport-Security received over an insecure connection (RFC 6797 §8.1).
 */
const overHttps = [{ type: /** @type {const} */ ("header"), key: "x-forwarded-proto", value: "https(\\s*,.*)?" }];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // The node is a server of its own: no telemetry, no header that names the framework.
  poweredByHeader: false,
  // better-sqlite3 is a native addon; it must be required at run time, not bundled.
  serverExternalPackages: ["better-sqlite3"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Two years. Neither `includeSubDomains` nor `preload`: the node cannot know what else runs under its
      // domain, so those are the operator's to add at the TLS proxy.
      { source: "/:path*", has: overHttps, headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000" }] },
    ];
  },
};

// next-intl finds its per-request configuration (the locale and its messages) in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
