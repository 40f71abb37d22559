"use client";
// A receipt verified here, in the browser, against the node key this browser pinned at first use.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt, type ReceiptVerification } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { useCheckName } from "./i18n/use-check-name";

type Verdict = { kind: "verifying" } | { kind: "done"; trustedKey: string; verification: ReceiptVerification };

export function ReceiptVerdict({ receipt, info }: { receipt: Receipt; info: NodeInfo }) {
  const [verdict, setVerdict] = useState<Verdict>({ kind: "verifying" });
  useEffect(() => {
    void (async () => {
      const trustedKey = await trustedNodeKey(info);
      setVerdict({
        kind: "done",
        trustedKey,
        verification: await verifyReceipt(receipt, trustedKey, verifyWithWebCrypto),
      });
    })();
  }, [receipt, info]);
  return <VerdictPanel verdict={verdict} />;
}

function VerdictPanel({ verdict }: { verdict: Verdict }) {
  const t = useTranslations("receipts.verdict");
  const checkName = useCheckName();
  if (verdict.kind === "verifying") {
    return (
      <div role="status" className="min-h-40 rounded-2xl border border-slate-200 bg-white p-5">
        <p className="font-semibold">{t("verifying")}</p>
      </div>
    );
  }
  const { verification, trustedKey } = verdict;
  return (
    <div
      role={verification.ok ? "status" : "alert"}
      data-testid="receipt-verdict"
      className={`min-h-40 rounded-2xl border-2 p-5 ${verification.ok ? "border-emerald-500 bg-emerald-50 text-emerald-950" : "border-rose-600 bg-rose-50 text-rose-950"}`}
    >
      <p className="text-lg font-bold">{verification.ok ? t("verified") : t("failed")}</p>
      <p className="mt-1 text-sm">
        {t.rich("checkedAgainst", {
          key: shortKey(trustedKey),
          code: (chunks) => <code className="font-mono">{chunks}</code>,
        })}
      </p>
      <ul className="mt-3 space-y-1 text-sm">
        {verification.checks.map((check) => (
          <li key={check.name} className="flex gap-2">
            <span aria-hidden="true">{check.ok ? "✓" : "✗"}</span>
            <span>
              {checkName(check.name)}
              <span className="sr-only">{check.ok ? t("passed") : t("checkFailed")}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
