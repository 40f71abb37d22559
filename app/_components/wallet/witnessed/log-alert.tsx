"use client";
// What the wallet's watch of the witnessed log found, said plainly: a changed policy (an alarm, like a changed
// node key, with both policies shown), a witnessed checkpoint that contradicts one this wallet verified, and a
// payment that stays unwitnessed too long. Each pauses payments; the reason is given here.
import { shortKey } from "@/lib/wallet/format";
import type { LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import type { PolicyView } from "@/lib/wallet/witnessed/watch-node-log";
import { witnessedBoundMs } from "@/lib/wallet/witnessed/witnessed-status";
import { Notice } from "../../ui";
import { Alarm, TrustAgain } from "../chain-alert";

/** Why payments pause because of the log, or null when they need not. */
export function logPauseReason(policy: PolicyView, log: LogWatchState, overdueTxIds: readonly string[]): string | null {
  if (policy.kind === "changed") return "this node's witness policy has changed";
  if (log.kind === "inconsistent") return "this node showed a witnessed history that contradicts one it showed before";
  if (overdueTxIds.length > 0) return "a payment has not been witnessed in time";
  return null;
}

export function LogAlert({
  policy,
  log,
  overdueTxIds,
  onTrustAgain,
}: {
  policy: PolicyView;
  log: LogWatchState;
  overdueTxIds: readonly string[];
  onTrustAgain: () => void;
}) {
  const boundMinutes = witnessedBoundMs / 60_000;
  return (
    <>
      {policy.kind === "changed" && (
        <Alarm title="Warning: this node's witness policy has changed">
          <p>
            The policy says which independent witnesses must confirm this node&apos;s history. This browser trusts the
            first policy below, but the node now serves the second. A new policy could name witnesses the node controls.
            Unless the operator told you of a change, do not send money through this node.
          </p>
          <PolicyText label="The policy this browser trusts" text={policy.pinnedText} />
          <PolicyText label="The policy the node serves now" text={policy.servedText} />
          <TrustAgain onTrustAgain={onTrustAgain} />
        </Alarm>
      )}
      {policy.kind === "unreadable" && (
        <Notice tone="warning" title="This node's witness policy cannot be used">
          This wallet cannot read it: {policy.reason}. Receipts are shown as sealed only.
        </Notice>
      )}
      {log.kind === "inconsistent" && (
        <Notice tone="warning" title="This node's witnessed history does not add up">
          This wallet verified a witnessed checkpoint of {log.pinned.size} blocks (root{" "}
          <code className="font-mono">{shortKey(log.pinned.rootHash)}</code>), but the node now shows another:{" "}
          {log.reason}. The node may be showing different people different histories. Payments are paused; keep your
          receipts.
        </Notice>
      )}
      {log.kind === "unverified" && (
        <Notice tone="warning" title="This node's newest checkpoint could not be verified">
          {capitalise(log.reason)}. The wallet keeps the last checkpoint it verified.
        </Notice>
      )}
      {overdueTxIds.length > 0 && log.kind !== "inconsistent" && (
        <Notice tone="warning" title="A payment has not been witnessed in time">
          {overdueTxIds.length === 1 ? "One payment" : `${overdueTxIds.length} payments`} in your history (
          {overdueTxIds.map((txId) => shortKey(txId)).join(", ")}) {overdueTxIds.length === 1 ? "is" : "are"} still only
          sealed after {boundMinutes} minutes, though the node answers. Its witnesses may be down, or may refuse what
          the node shows. Payments are paused until they are witnessed.
        </Notice>
      )}
    </>
  );
}

function PolicyText({ label, text }: { label: string; text: string }) {
  return (
    <figure>
      <figcaption className="font-medium">{label}</figcaption>
      <pre className="mt-1 max-h-48 overflow-y-auto rounded-lg bg-white p-2 font-mono text-xs whitespace-pre-wrap break-all">
        {text}
      </pre>
    </figure>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
