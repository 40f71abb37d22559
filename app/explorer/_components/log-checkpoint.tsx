// The newest witnessed checkpoint: its size and root, which witnesses cosigned it and when, how far it lags the
// head, and the whole signed note to copy into a verifier.
import { useTranslations } from "next-intl";
import type { LogStatus } from "@/lib/server/log/log-status";
import { HashText } from "../../_components/entities/hash-text";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { DetailsList } from "../../_components/details-list";
import { describeLag } from "./log-answer";
import { LogNoteBlock } from "./log-note-block";
import { TableOrCards, type TableLayout } from "./table-or-cards";

type Cosigner = NonNullable<LogStatus["newest"]>["cosigners"][number];

const cosignerLayout = (labels: { cosigner: string; cosignedAt: string }): TableLayout<Cosigner> => ({
  rowKey: (cosigner) => cosigner.name,
  columns: [
    { label: labels.cosigner, cell: (cosigner) => <span className="break-all font-medium">{cosigner.name}</span> },
    {
      label: labels.cosignedAt,
      cell: (cosigner) => (
        <RelativeTime iso={new Date(cosigner.timestampSeconds * 1000).toISOString()} isAbsoluteShown />
      ),
    },
  ],
  card: { heading: labels.cosigner, facts: [labels.cosignedAt] },
});

export function LogCheckpoint({ status }: { status: LogStatus }) {
  const t = useTranslations("explorerLog");
  const { newest } = status;
  const lag = describeLag(status.lagBlocks, status.lagSeconds);
  return (
    <Card labelledBy="log-checkpoint-heading" className="space-y-4">
      <h2 id="log-checkpoint-heading" className="text-lg font-semibold">
        {t("checkpointHeading")}
      </h2>
      {newest === null ? (
        <p className="text-sm text-slate-700">{t("noCheckpoint")}</p>
      ) : (
        <>
          <DetailsList
            rows={[
              [t("size"), t("checkpointSize", { count: newest.size, last: String(newest.size - 1) })],
              [t("rootHash"), <HashText key="root" value={newest.rootHashHex} isFull />],
              [t("witnessedAt"), <RelativeTime key="at" iso={newest.witnessedAt} isAbsoluteShown />],
              [t("lag"), lag === null ? "—" : t(lag.key, lag.values)],
            ]}
          />
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("cosignedBy")}</h3>
            {newest.cosigners.length === 0 ? (
              <p className="text-sm text-slate-700">{t("noCosignatures", { quorum: status.quorum })}</p>
            ) : (
              <TableOrCards
                label={t("cosignersLabel")}
                rows={newest.cosigners}
                layout={cosignerLayout({ cosigner: t("cosigner"), cosignedAt: t("cosignedAt") })}
                testId="log-cosigners"
              />
            )}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("signedNote")}</h3>
            <LogNoteBlock text={newest.note} label={t("checkpointNote")} copyLabel={t("copyCheckpointNote")} />
          </div>
        </>
      )}
    </Card>
  );
}
