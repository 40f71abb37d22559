// The newest witnessed checkpoint: its size and root, which witnesses cosigned it and when, how far it lags the
// head, and the whole signed note to copy into a verifier.
import type { LogStatus } from "@/lib/server/log/log-status";
import { HashText } from "../../_components/entities/hash-text";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { DetailsList } from "../../_components/details-list";
import { describeLag } from "./log-answer";
import { LogNoteBlock } from "./log-note-block";
import { TableOrCards, type TableLayout } from "./table-or-cards";

type Cosigner = NonNullable<LogStatus["newest"]>["cosigners"][number];

const cosignerLayout: TableLayout<Cosigner> = {
  rowKey: (cosigner) => cosigner.name,
  columns: [
    { label: "Cosigner", cell: (cosigner) => <span className="break-all font-medium">{cosigner.name}</span> },
    {
      label: "Cosigned at",
      cell: (cosigner) => (
        <RelativeTime iso={new Date(cosigner.timestampSeconds * 1000).toISOString()} isAbsoluteShown />
      ),
    },
  ],
  card: { heading: "Cosigner", facts: ["Cosigned at"] },
};

export function LogCheckpoint({ status }: { status: LogStatus }) {
  const { newest } = status;
  return (
    <Card labelledBy="log-checkpoint-heading" className="space-y-4">
      <h2 id="log-checkpoint-heading" className="text-lg font-semibold">
        Newest witnessed checkpoint
      </h2>
      {newest === null ? (
        <p className="text-sm text-slate-700">No checkpoint witnessed yet.</p>
      ) : (
        <>
          <DetailsList
            rows={[
              ["Size", `${newest.size.toLocaleString("en-US")} blocks (heights 0 to ${newest.size - 1})`],
              ["Root hash", <HashText key="root" value={newest.rootHashHex} isFull />],
              ["Witnessed at", <RelativeTime key="at" iso={newest.witnessedAt} isAbsoluteShown />],
              ["Lag", describeLag(status.lagBlocks, status.lagSeconds) ?? "—"],
            ]}
          />
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">Cosigned by</h3>
            {newest.cosigners.length === 0 ? (
              <p className="text-sm text-slate-700">
                No cosignatures: signed by the node alone (quorum {status.quorum}).
              </p>
            ) : (
              <TableOrCards
                label="Cosigners of the newest checkpoint"
                rows={newest.cosigners}
                layout={cosignerLayout}
                testId="log-cosigners"
              />
            )}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">The signed note</h3>
            <LogNoteBlock text={newest.note} label="Checkpoint note" />
          </div>
        </>
      )}
    </Card>
  );
}
