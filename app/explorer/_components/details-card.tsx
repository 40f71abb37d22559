// A card of labelled facts under a heading only screen readers announce: the page's own title already says
// what they are (a block's header, a transaction's details).
import type { ReactNode } from "react";
import { DetailsList } from "../../_components/details-list";
import { Card } from "../../_components/ui";

export function DetailsCard({
  heading,
  headingId,
  rows,
}: {
  heading: string;
  /** The heading's element id: a fixed name, since a translated heading would make a poor one. */
  headingId: string;
  rows: [string, ReactNode][];
}) {
  return (
    <Card labelledBy={headingId}>
      <h2 id={headingId} className="sr-only">
        {heading}
      </h2>
      <DetailsList rows={rows} />
    </Card>
  );
}
