"use client";
// The receipt's witnessed state, checked in this browser under the policy the wallet pinned: sealed, or witnessed
// by k of n witnesses (with the witnessed receipt to download, which proves the payment offline against the policy).
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { Receipt } from "@/lib/ledger/types";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { downloadJson, receiptFilename } from "@/lib/wallet/download";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { witnessOfReceipt } from "@/lib/wallet/witnessed/receipt-witness";
import type { WitnessStatus } from "@/lib/wallet/witnessed/witnessed-status";
import { WitnessBadge } from "../../_components/wallet/witnessed/witness-badge";
import { Button } from "../../_components/ui";
import { useCheckName } from "../../_components/i18n/use-check-name";

type Translate = ReturnType<typeof useTranslations<"receipts.witness">>;

type Witness = { kind: "checking" } | { kind: "done"; status: WitnessStatus | null };

export function WitnessPanel({ receipt, info }: { receipt: Receipt; info: NodeInfo }) {
  const t = useTranslations("receipts.witness");
  const checkName = useCheckName();
  const [witness, setWitness] = useState<Witness>({ kind: "checking" });
  useEffect(() => {
    let isActive = true;
    void (async () => {
      const status = await witnessOfReceipt(receipt, await trustedNodeKey(info));
      if (isActive) setWitness({ kind: "done", status });
    })();
    return () => {
      isActive = false;
    };
  }, [receipt, info]);

  if (witness.kind === "checking") {
    return <p className="text-sm text-slate-600">{t("checking")}</p>;
  }
  const { status } = witness;
  if (status === null) {
    return <p className="text-sm text-slate-600">{t("notPinned")}</p>;
  }
  const proven = status.kind === "witnessed" || status.kind === "node-alone" ? status.witnessed : null;
  return (
    <section aria-labelledby="witness-heading" className="space-y-3">
      <h2 id="witness-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <WitnessBadge status={status} />
        <span>{explain(status, t, checkName)}</span>
      </p>
      {proven !== null && (
        <Button variant="secondary" onClick={() => downloadJson(receiptFilename(receipt.txId, true), proven)}>
          {t("download")}
        </Button>
      )}
    </section>
  );
}

function explain(status: WitnessStatus, t: Translate, checkName: (name: string) => string): string {
  switch (status.kind) {
    case "sealed":
      return t("sealed");
    case "witnessed":
      return t("witnessed", { cosigners: status.cosigners.join(", ") });
    case "node-alone":
      return t("nodeAlone");
    case "invalid":
      return t("invalid", { checks: status.failedChecks.map(checkName).join("; ") });
  }
}
