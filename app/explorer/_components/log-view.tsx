// The log page's content from a LogStatus alone (the page reads it; a unit test hands it a fake): the log's
// identity, any equivocation first, the newest witnessed checkpoint, the witnesses and the policy.
import { useTranslations } from "next-intl";
import type { LogStatus } from "@/lib/server/log/log-status";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { DetailsList } from "../../_components/details-list";
import { LogCheckpoint } from "./log-checkpoint";
import { LogEvidence } from "./log-evidence";
import { LogNoteBlock } from "./log-note-block";
import { LogWitnesses } from "./log-witnesses";

const verifyCommand = "npm run verify -- <url> --policy policy.txt";

export function LogView({ status }: { status: LogStatus }) {
  const t = useTranslations("explorerLog");
  const hasWitnesses = status.witnesses.length > 0;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <LogEvidence evidence={status.evidence} />
      <Card labelledBy="log-identity-heading">
        <h2 id="log-identity-heading" className="mb-3 text-lg font-semibold">
          {t("identityHeading")}
        </h2>
        <DetailsList
          rows={[
            [
              t("origin"),
              <span key="origin" className="break-all font-mono text-xs">
                {status.origin}
              </span>,
            ],
            [
              t("vkey"),
              <span key="vkey" className="break-all font-mono text-xs">
                {status.vkey}
              </span>,
            ],
            [t("size"), t("sizeBlocks", { count: status.size })],
            [t("headTime"), <RelativeTime key="head" iso={status.headTimestamp} isAbsoluteShown />],
            [t("quorum"), hasWitnesses ? status.quorum : t("quorumNoWitnesses", { quorum: status.quorum })],
          ]}
        />
      </Card>
      <LogCheckpoint status={status} />
      <LogWitnesses witnesses={status.witnesses} quorum={status.quorum} />
      <Card labelledBy="log-policy-heading" className="space-y-3">
        <h2 id="log-policy-heading" className="text-lg font-semibold">
          {t("policyHeading")}
        </h2>
        <p className="max-w-prose text-sm text-slate-700">
          {t.rich("policyText", { command: verifyCommand, code: (chunks) => <code>{chunks}</code> })}
        </p>
        <LogNoteBlock text={status.policyText} label={t("policyFile")} copyLabel={t("copyPolicyFile")} />
      </Card>
    </>
  );
}
