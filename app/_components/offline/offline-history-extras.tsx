"use client";
// What the wallet's history panel adds for the holder: offline, the receipts kept in this browser, verifiable
// here; always, the statement download (which says, offline, that it needs the node).
import type { NodeInfo } from "@/lib/ledger/types";
import { StatementButton } from "../statement/statement-dialog";
import { KeptReceipts } from "./kept-receipts";

export function OfflineHistoryExtras({
  account,
  info,
  isOffline,
}: {
  account: string;
  info: NodeInfo;
  isOffline: boolean;
}) {
  return (
    <div className="mt-4 space-y-4">
      {isOffline && <KeptReceipts account={account} currency={info.currency} />}
      <StatementButton account={account} info={info} isOffline={isOffline} />
    </div>
  );
}
