// The log page's content from a LogStatus alone (the page reads it; a unit test hands it a fake): the log's
// identity, any equivocation first, the newest witnessed checkpoint, the witnesses and the policy.
import type { LogStatus } from "@/lib/server/log/log-status";
import { RelativeTime } from "../../_components/entities/relative-time";
import { Card } from "../../_components/ui";
import { DetailsList } from "../../_components/details-list";
import { LogCheckpoint } from "./log-checkpoint";
import { LogEvidence } from "./log-evidence";
import { LogNoteBlock } from "./log-note-block";
import { LogWitnesses } from "./log-witnesses";

export function LogView({ status }: { status: LogStatus }) {
  const hasWitnesses = status.witnesses.length > 0;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Witnessed log</h1>
      <LogEvidence evidence={status.evidence} />
      <Card labelledBy="log-identity-heading">
        <h2 id="log-identity-heading" className="mb-3 text-lg font-semibold">
          The log
        </h2>
        <DetailsList
          rows={[
            [
              "Origin",
              <span key="origin" className="break-all font-mono text-xs">
                {status.origin}
              </span>,
            ],
            [
              "Verifier key (vkey)",
              <span key="vkey" className="break-all font-mono text-xs">
                {status.vkey}
              </span>,
            ],
            ["Size", `${status.size.toLocaleString("en-US")} blocks`],
            ["Head block time", <RelativeTime key="head" iso={status.headTimestamp} isAbsoluteShown />],
            ["Quorum", hasWitnesses ? status.quorum : `${status.quorum} (no witnesses configured)`],
          ]}
        />
      </Card>
      <LogCheckpoint status={status} />
      <LogWitnesses witnesses={status.witnesses} quorum={status.quorum} />
      <Card labelledBy="log-policy-heading" className="space-y-3">
        <h2 id="log-policy-heading" className="text-lg font-semibold">
          Policy
        </h2>
        <p className="max-w-prose text-sm text-slate-700">
          The tlog-policy file a wallet or verifier trusts:{" "}
          <code>npm run verify -- &lt;url&gt; --policy policy.txt</code> checks the node&apos;s newest checkpoint
          against it.
        </p>
        <LogNoteBlock text={status.policyText} label="Policy file" />
      </Card>
    </>
  );
}
