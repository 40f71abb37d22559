// A block, transaction or account the explorer does not hold: said inside the explorer's frame, with its search
// and navigation still at hand, rather than on the site's bare not-found page.
import { Card } from "../_components/ui";
import { SearchHelp } from "./_components/search-help";

export default function ExplorerNotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <Card>
        <h2 className="text-lg font-semibold">This chain holds no block, transaction or account at that address</h2>
        <SearchHelp />
      </Card>
    </>
  );
}
