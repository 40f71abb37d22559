// Each witness of the policy with its submission URL and its last answer to the node's cosigning loop: a table on
// wide screens, cards on a phone.
import { useTranslations } from "next-intl";
import type { WitnessAnswer } from "@/lib/server/log/log-status";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { describeAnswer, type AnswerTone } from "./log-answer";
import { TableOrCards, type TableLayout } from "./table-or-cards";
import { usePageFormat } from "./use-page-format";

const toneClasses: Record<AnswerTone, string> = {
  good: "bg-emerald-100 text-emerald-900",
  warning: "bg-amber-100 text-amber-950",
  bad: "bg-rose-100 text-rose-900",
  none: "bg-slate-100 text-slate-700",
};

function AnswerBadge({ status }: { status: WitnessAnswer["lastStatus"] }) {
  const t = useTranslations("explorerLog");
  const { wording, tone } = describeAnswer(status);
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${toneClasses[tone]}`}>
      {t(wording.key, wording.values)}
    </span>
  );
}

export function LogWitnesses({ witnesses, quorum }: { witnesses: WitnessAnswer[]; quorum: string }) {
  const t = useTranslations("explorerLog");
  const format = usePageFormat();
  const layout: TableLayout<WitnessAnswer> = {
    rowKey: (witness) => witness.name,
    columns: [
      { label: t("witness"), cell: (witness) => <span className="break-all font-medium">{witness.name}</span> },
      {
        label: t("submissionUrl"),
        cell: (witness) => <span className="break-all font-mono text-xs">{witness.url}</span>,
      },
      { label: t("lastAnswer"), cell: (witness) => <AnswerBadge status={witness.lastStatus} /> },
      {
        label: t("when"),
        cell: (witness) => (witness.lastAt === null ? t("never") : <RelativeTime iso={witness.lastAt} />),
      },
      {
        label: t("message"),
        cell: (witness) => <span className="break-words text-slate-700">{witness.lastMessage ?? "—"}</span>,
      },
      {
        label: t("cosignedSize"),
        isNumeric: true,
        cell: (witness) => (witness.cosignedSize === null ? t("none") : format.number(witness.cosignedSize)),
      },
    ],
    card: {
      heading: t("witness"),
      figure: t("lastAnswer"),
      facts: [t("submissionUrl"), t("when"), t("message"), t("cosignedSize")],
    },
  };
  return (
    <Card labelledBy="log-witnesses-heading">
      <h2 id="log-witnesses-heading" className="mb-3 text-lg font-semibold">
        {t("witnessesHeading")}
      </h2>
      {witnesses.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noWitnesses", { quorum })}</p>
      ) : (
        <TableOrCards label={t("witnessesLabel")} rows={witnesses} layout={layout} testId="log-witnesses" />
      )}
    </Card>
  );
}
