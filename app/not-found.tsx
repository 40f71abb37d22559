// The not-found page for any path no page answers, and for a path whose percent-escapes do not decode (proxy.ts
// rewrites those here). It says so plainly and offers the way back to the wallet.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col items-start justify-center gap-4 px-6 py-16">
      <p className="text-sm font-medium text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="text-slate-700">
        There is no page at this address. Check the link, or go back to the wallet and start from there.
      </p>
      <Link
        href="/"
        className="inline-flex min-h-10 items-center rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Go to the wallet
      </Link>
    </main>
  );
}
