// Each witness of the policy with its submission URL and its last answer to the node's cosigning loop: a table on
// wide screens, cards on a phone.
import type { WitnessAnswer } from "@/lib/server/log/log-status";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { describeAnswer, type AnswerTone } from "./log-answer";
import { TableOrCards, type TableLayout } from "./table-or-cards";

const toneClasses: Record<AnswerTone, string> = {
  good: "bg-emerald-100 text-emerald-900",
  warning: "bg-amber-100 text-amber-950",
  bad: "bg-rose-100 text-rose-900",
  none: "bg-slate-100 text-slate-700",
};

function AnswerBadge({ status }: { status: WitnessAnswer["lastStatus"] }) {
  const { text, tone } = describeAnswer(status);
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${toneClasses[tone]}`}>{text}</span>
  );
}

const layout: TableLayout<WitnessAnswer> = {
  rowKey: (witness) => witness.name,
  columns: [
    { label: "Witness", cell: (witness) => <span className="break-all font-medium">{witness.name}</span> },
    { label: "Submission URL", cell: (witness) => <span className="break-all font-mono text-xs">{witness.url}</span> },
    { label: "Last answer", cell: (witness) => <AnswerBadge status={witness.lastStatus} /> },
    {
      label: "When",
      cell: (witness) => (witness.lastAt === null ? "never" : <RelativeTime iso={witness.lastAt} />),
    },
    {
      label: "Message",
      cell: (witness) => <span className="break-words text-slate-700">{witness.lastMessage ?? "—"}</span>,
    },
    {
      label: "Cosigned size",
      isNumeric: true,
      cell: (witness) => (witness.cosignedSize === null ? "none" : witness.cosignedSize.toLocaleString("en-US")),
    },
  ],
  card: { heading: "Witness", figure: "Last answer", facts: ["Submission URL", "When", "Message", "Cosigned size"] },
};

export function LogWitnesses({ witnesses, quorum }: { witnesses: WitnessAnswer[]; quorum: string }) {
  return (
    <Card labelledBy="log-witnesses-heading">
      <h2 id="log-witnesses-heading" className="mb-3 text-lg font-semibold">
        Witnesses
      </h2>
      {witnesses.length === 0 ? (
        <p className="text-sm text-slate-700">No witnesses configured (quorum {quorum}).</p>
      ) : (
        <TableOrCards
          label="Witnesses and their last answers"
          rows={witnesses}
          layout={layout}
          testId="log-witnesses"
        />
      )}
    </Card>
  );
}
