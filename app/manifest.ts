// GET /manifest.webmanifest: what makes the wallet installable (W3C Web App Manifest). It opens at the wallet,
// standalone, with the icons scripts/make-icons.ts drew from app/icon.svg; the service worker (public/sw.js) is
// what lets the installed wallet open without the network. The name and description follow the reader's
// language, as the pages do.
import type { MetadataRoute } from "next";
import { getTranslations } from "next-intl/server";
import { themeColors } from "@/lib/theme/theme";

export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations("offline.manifest");
  return {
    name: t("name"),
    short_name: t("shortName"),
    description: t("description"),
    start_url: "/",
    scope: "/",
    display: "standalone",
    // The light theme's colours, the ones layout.tsx gives the browser for a light device (a manifest has one
    // theme colour; the installed app's pages still carry both, by media query).
    theme_color: themeColors.light,
    background_color: themeColors.light,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
