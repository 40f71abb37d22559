// The explorer's frame: admins only (anyone else is sent to sign in, here and in every page's own data access),
// with navigation and search on every page.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { readFollowerStatus } from "@/lib/server/follower/read-follower-status";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { FollowerBanner } from "./_components/follower-banner";
import { SignOutButton } from "../admin/_components/sign-out-button";

export const metadata: Metadata = { title: { default: "Explorer", template: "%s · chainpay explorer" } };

const navigation = [
  ["/explorer", "Blocks"],
  ["/explorer/log", "Log"],
  ["/explorer/audit", "Audit"],
  ["/explorer/actions", "Actions"],
  ["/", "Wallet"],
] as const;

export default async function ExplorerLayout({ children }: { children: ReactNode }) {
  const followerStatus = await readFollowerStatus(await adminPageNode());
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <Link href="/explorer" className="text-lg font-semibold tracking-tight text-slate-900">
            chainpay explorer
          </Link>
          <nav aria-label="Explorer" className="flex gap-4 text-sm font-medium text-slate-700">
            {navigation.map(([href, label]) => (
              <Link key={href} href={href} className="hover:text-indigo-700">
                {label}
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
              Search by height, block hash, transaction id or account key
            </label>
            <input
              id="explorer-search"
              name="q"
              type="search"
              required
              maxLength={64}
              placeholder="Height, hash, txId or key"
              className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500"
            />
            <button
              type="submit"
              className="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Search
            </button>
          </form>
          <div className="ml-auto">
            <SignOutButton />
          </div>
        </div>
      </header>
      {followerStatus === null ? null : <FollowerBanner status={followerStatus} />}
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">{children}</main>
    </div>
  );
}
