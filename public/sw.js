/* global self, caches, fetch, URL */
// The wallet's service worker, hand-written: it lets the wallet open without the network. What it keeps:
// - the wallet's shell: the page at / (network first, the copy from the last visit when the network fails) and
//   the manifest and icons;
// - the app's built files under /_next/static/ (cache first: their names carry a content hash, so a file under a
//   name never changes).
// What it never keeps: any /api/ answer (balances and histories are other people's data on a shared device, and
// the wallet keeps its own account's last-seen view itself, in localStorage), any request but GET, and any
// other origin's answer. Caches are named by version; activating a new version deletes every older cache.
//
// The copy of / is kept with its headers, so its Content-Security-Policy and the nonce on its scripts still
// match when it is served offline; only that one copy replays an old nonce, and only while the network fails.
const version = "v1";
const shellCache = `chainpay-shell-${version}`;
const staticCache = `chainpay-static-${version}`;
const currentCaches = new Set([shellCache, staticCache]);
const shellUrls = ["/manifest.webmanifest", "/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png"];
// A release adds a few dozen files; older releases' files drop out first once this many are kept.
const staticEntriesMax = 300;
// The most file names the page may hand over at once (it lists what it loaded before this worker ran).
const offeredUrlsMax = 300;

const isStaticPath = (pathname) => pathname.startsWith("/_next/static/");

/** The /_next/static/ files a page's HTML names: the scripts and styles it needs before anything else runs. */
function staticUrlsIn(html) {
  const urls = new Set();
  for (const match of html.matchAll(/\/_next\/static\/[A-Za-z0-9_\-./~%]+/g)) {
    if (urls.size >= offeredUrlsMax) break;
    urls.add(match[0]);
  }
  return [...urls];
}

async function keepStatic(urls) {
  const cache = await caches.open(staticCache);
  for (const url of urls) {
    const parsed = new URL(url, self.location.origin);
    if (parsed.origin !== self.location.origin || !isStaticPath(parsed.pathname)) continue;
    if (await cache.match(parsed.pathname)) continue;
    try {
      const response = await fetch(parsed.pathname);
      if (response.ok) await cache.put(parsed.pathname, response);
    } catch {
      // Offline already: the file is kept the next time the page loads it.
    }
  }
  await trimStatic(cache);
}

async function trimStatic(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - staticEntriesMax))) await cache.delete(request);
}

/** The wallet page, fetched now and kept; its HTML says which built files it needs, and those are kept too. */
async function keepWalletPage() {
  const response = await fetch("/", { cache: "no-store", credentials: "same-origin" });
  if (!response.ok) return;
  const cache = await caches.open(shellCache);
  await cache.put("/", response.clone());
  await keepStatic(staticUrlsIn(await response.text()));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(shellCache);
      await cache.addAll(shellUrls);
      await keepWalletPage();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("chainpay-") && !currentCaches.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page lists the built files it loaded before this worker controlled it (lazily loaded ones among them).
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === null || typeof data !== "object" || data.type !== "keep-static" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === "string").slice(0, offeredUrlsMax);
  event.waitUntil(keepStatic(urls));
});

async function staticFirst(request) {
  const cache = await caches.open(staticCache);
  const kept = await cache.match(request, { ignoreSearch: false });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function walletPageNetworkFirst(request) {
  const cache = await caches.open(shellCache);
  try {
    const response = await fetch(request);
    // Only a whole page is kept: not an error, and not a redirect the browser would follow to somewhere else.
    if (response.ok && response.type === "basic") await cache.put("/", response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match("/", { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

async function shellCacheFirst(request, pathname) {
  const kept = await caches.match(pathname, { cacheName: shellCache });
  return kept ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (isStaticPath(url.pathname)) {
    event.respondWith(staticFirst(request));
  } else if (url.pathname === "/" && request.mode === "navigate") {
    event.respondWith(walletPageNetworkFirst(request));
  } else if (shellUrls.includes(url.pathname)) {
    event.respondWith(shellCacheFirst(request, url.pathname));
  }
});
