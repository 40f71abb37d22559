"use client";
// Who vouches for this node's chain: the witnesses of the policy this browser pinned and the quorum they must
// reach, and how far this wallet has followed the node's witnessed log itself.
import type { LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import { describeQuorum } from "@/lib/wallet/witnessed/policy-pin";
import type { PolicyView } from "@/lib/wallet/witnessed/watch-node-log";

export function WitnessSummary({ policy, log }: { policy: PolicyView; log: LogWatchState }) {
  if (policy.kind !== "pinned") return null;
  const quorum = describeQuorum(policy.policy);
  return (
    <section aria-labelledby="witnesses-heading" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <h2 id="witnesses-heading" className="font-semibold">
        Witnesses
      </h2>
      {quorum.isNodeAlone ? (
        <p className="mt-1 text-slate-700" data-testid="witness-quorum">
          This node has {quorum.text}.
        </p>
      ) : (
        <>
          <p className="mt-1 text-slate-700" data-testid="witness-quorum">
            Witnessed means cosigned by {quorum.text}.
          </p>
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Witnesses in the node's policy">
            {quorum.witnessNames.map((name) => (
              <li key={name} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs wrap-anywhere text-slate-800">
                {name}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-2 text-xs text-slate-600" aria-live="polite" data-testid="witnessed-size">
        {logLine(log, quorum.isNodeAlone)}
      </p>
    </section>
  );
}

function logLine(log: LogWatchState, isNodeAlone: boolean): string {
  switch (log.kind) {
    case "ok":
      return isNodeAlone
        ? `This wallet has followed the node's signed log up to ${log.size} blocks.`
        : `This wallet has followed the witnessed log up to ${log.size} blocks, cosigned by ${log.cosigners.join(", ")}.`;
    case "none-yet":
      return "The node has no witnessed checkpoint yet.";
    case "checking":
      return "Checking the node's log…";
    default:
      return "The node's log could not be followed just now (see above).";
  }
}
