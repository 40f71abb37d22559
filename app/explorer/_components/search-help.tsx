// What the search box takes, and the way back: said wherever the explorer could not find what was asked for.
import Link from "next/link";
import { searchPrefixMin } from "@/lib/server/explorer/search-ledger";

export function SearchHelp() {
  return (
    <>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>A block height, like 42.</li>
        <li>A block hash, transaction id or account key: 64 characters of 0–9 and a–f.</li>
        <li>Or the first {searchPrefixMin} or more characters of one, if they are unique.</li>
      </ul>
      <p className="mt-3 text-sm">
        <Link href="/explorer" className="font-medium text-indigo-700 hover:underline">
          Back to the newest blocks
        </Link>
      </p>
    </>
  );
}
