"use client";
// Registers the wallet's service worker (public/sw.js), which lets the wallet open offline, and hands it the
// built files this page loaded before the worker was in control, so that the first visit is enough. Production
// only: in development the files change on every edit, and a worker serving old ones would get in the way.
import { useEffect } from "react";

export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    void (async () => {
      try {
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        const registration = await navigator.serviceWorker.ready;
        const urls = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) => new URL(name).pathname.startsWith("/_next/static/"));
        registration.active?.postMessage({ type: "keep-static", urls });
      } catch {
        // No worker (refused, or storage off): the wallet still works online, as it did before.
      }
    })();
  }, []);
  return null;
}
