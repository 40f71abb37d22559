"use client";
// Who vouches for this node's chain: the witnesses of the policy this browser pinned and the quorum they must
// reach, and how far this wallet has followed the node's witnessed log itself.
import { useTranslations } from "next-intl";
import type { LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import { describeQuorum, quorumOf, type Quorum } from "@/lib/wallet/witnessed/policy-pin";
import type { PolicyView } from "@/lib/wallet/witnessed/watch-node-log";

type Translate = ReturnType<typeof useTranslations<"wallet.witnesses">>;

export function WitnessSummary({ policy, log }: { policy: PolicyView; log: LogWatchState }) {
  const t = useTranslations("wallet.witnesses");
  if (policy.kind !== "pinned") return null;
  const quorum = describeQuorum(policy.policy);
  const quorumText = quorumTextOf(quorumOf(policy.policy), t);
  return (
    <section aria-labelledby="witnesses-heading" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <h2 id="witnesses-heading" className="font-semibold">
        {t("title")}
      </h2>
      {quorum.isNodeAlone ? (
        <p className="mt-1 text-slate-700" data-testid="witness-quorum">
          {t("nodeAlone")}
        </p>
      ) : (
        <>
          <p className="mt-1 text-slate-700" data-testid="witness-quorum">
            {t("meaning", { quorum: quorumText })}
          </p>
          <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("listLabel")}>
            {quorum.witnessNames.map((name) => (
              <li key={name} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs wrap-anywhere text-slate-800">
                {name}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-2 text-xs text-slate-600" aria-live="polite" data-testid="witnessed-size">
        {logLine(log, quorum.isNodeAlone, t)}
      </p>
    </section>
  );
}

function quorumTextOf(quorum: Quorum, t: Translate): string {
  switch (quorum.kind) {
    case "none":
      return "";
    case "witness":
      return t("quorumWitness", { name: quorum.name });
    case "group":
      return t(quorum.areAllWitnesses ? "quorumWitnesses" : "quorumGroups", {
        threshold: quorum.threshold,
        count: quorum.memberCount,
      });
  }
}

function logLine(log: LogWatchState, isNodeAlone: boolean, t: Translate): string {
  switch (log.kind) {
    case "ok":
      return isNodeAlone
        ? t("followedSigned", { size: log.size })
        : t("followedWitnessed", { size: log.size, cosigners: log.cosigners.join(", ") });
    case "none-yet":
      return t("noneYet");
    case "checking":
      return t("checking");
    default:
      return t("notFollowed");
  }
}
