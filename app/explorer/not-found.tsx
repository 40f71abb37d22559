// A block, transaction or account the explorer does not hold: said inside the explorer's frame, with its search
// and navigation still at hand, rather than on the site's bare not-found page.
import Link from "next/link";
import { Card } from "../_components/ui";

export default function ExplorerNotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <Card>
        <p className="text-sm text-slate-700">
          This chain holds no block, transaction or account at that address. Search for it above, or go back to the
          newest blocks.
        </p>
        <p className="mt-3 text-sm">
          <Link href="/explorer" className="font-medium text-indigo-700 hover:underline">
            Back to the newest blocks
          </Link>
        </p>
      </Card>
    </>
  );
}
