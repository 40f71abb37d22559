// The explorer's frame: admins only (anyone else is sent to sign in, here and in every page's own data access),
// with navigation and search on every page.
import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Preferences } from "@/app/_components/preferences/preferences";
import { readFollowerStatus } from "@/lib/server/follower/read-follower-status";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { FollowerBanner } from "./_components/follower-banner";
import { SignOutButton } from "../admin/_components/sign-out-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("explorer.layout");
  return { title: { default: t("title"), template: t("titleTemplate", { page: "%s" }) } };
}

const navigation = [
  ["/explorer", "blocks"],
  ["/explorer/log", "log"],
  ["/explorer/audit", "audit"],
  ["/explorer/actions", "actions"],
  ["/", "wallet"],
] as const;

export default async function ExplorerLayout({ children }: { children: ReactNode }) {
  // The admin check comes first: nothing below, the explorer's messages among it, renders for anyone else.
  const node = await adminPageNode();
  const [followerStatus, t, messages] = await Promise.all([
    readFollowerStatus(node),
    getTranslations("explorer.layout"),
    getMessages(),
  ]);
  return (
    <NextIntlClientProvider messages={messages}>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
            <Link href="/explorer" className="text-lg font-semibold tracking-tight text-slate-900">
              {t("brand")}
            </Link>
            <nav
              aria-label={t("navigationLabel")}
              className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium text-slate-700"
            >
              {navigation.map(([href, key]) => (
                <Link key={href} href={href} className="hover:text-indigo-700">
                  {t(`nav.${key}`)}
                </Link>
              ))}
            </nav>
            {/* Below lg the search takes a row of its own: squeezed beside the navigation, it shows no hint. */}
            <form
              action="/explorer/search"
              role="search"
              className="order-last flex w-full min-w-0 gap-2 lg:order-none lg:w-auto lg:max-w-md lg:flex-1"
            >
              <label htmlFor="explorer-search" className="sr-only">
                {t("searchLabel")}
              </label>
              <input
                id="explorer-search"
                name="q"
                type="search"
                required
                maxLength={64}
                placeholder={t("searchPlaceholder")}
                className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500"
              />
              <button
                type="submit"
                className="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
              >
                {t("searchButton")}
              </button>
            </form>
            <div className="ml-auto flex flex-wrap items-center gap-3">
              <Preferences />
              <SignOutButton />
            </div>
          </div>
        </header>
        {followerStatus === null ? null : <FollowerBanner status={followerStatus} />}
        <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">{children}</main>
      </div>
    </NextIntlClientProvider>
  );
}
