"use client";
// The receipt's witnessed state, checked in this browser under the policy the wallet pinned: sealed, or witnessed
// by k of n witnesses (with the witnessed receipt to download, which proves the payment offline against the policy).
import { useEffect, useState } from "react";
import type { Receipt } from "@/lib/ledger/types";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { downloadJson, receiptFilename } from "@/lib/wallet/download";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { witnessOfReceipt } from "@/lib/wallet/witnessed/receipt-witness";
import type { WitnessStatus } from "@/lib/wallet/witnessed/witnessed-status";
import { WitnessBadge } from "../../_components/wallet/witnessed/witness-badge";
import { Button } from "../../_components/ui";

type Witness = { kind: "checking" } | { kind: "done"; status: WitnessStatus | null };

export function WitnessPanel({ receipt, info }: { receipt: Receipt; info: NodeInfo }) {
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
    return <p className="text-sm text-slate-600">Checking whether witnesses have confirmed this receipt…</p>;
  }
  const { status } = witness;
  if (status === null) {
    return (
      <p className="text-sm text-slate-600">
        This browser has not pinned the node&apos;s witness policy yet: open the wallet once to pin it.
      </p>
    );
  }
  const proven = status.kind === "witnessed" || status.kind === "node-alone" ? status.witnessed : null;
  return (
    <section aria-labelledby="witness-heading" className="space-y-3">
      <h2 id="witness-heading" className="text-lg font-semibold">
        Witnessed log
      </h2>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <WitnessBadge status={status} />
        <span>{explain(status)}</span>
      </p>
      {proven !== null && (
        <Button variant="secondary" onClick={() => downloadJson(receiptFilename(receipt.txId, true), proven)}>
          Download witnessed receipt (JSON)
        </Button>
      )}
    </section>
  );
}

function explain(status: WitnessStatus): string {
  switch (status.kind) {
    case "sealed":
      return "The block is sealed; its witnesses have not confirmed it yet.";
    case "witnessed":
      return `Cosigned by ${status.cosigners.join(", ")}, as the pinned policy requires.`;
    case "node-alone":
      return "This node has no witnesses: only its own signed checkpoint holds this block.";
    case "invalid":
      return `The node's witnessed receipt fails these checks: ${status.failedChecks.join("; ")}.`;
  }
}
