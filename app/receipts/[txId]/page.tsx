// /receipts/{txId}: a receipt, verified in the browser against the node key the wallet pinned.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hex64Pattern } from "@/lib/ledger/hex";
import { LedgerError } from "@/lib/ledger/errors";
import { getNode } from "@/lib/server/node";
import { readNodeInfo } from "@/lib/server/read-node-info";
import { readReceiptOrThrow } from "@/lib/server/read-receipt";
import { ReceiptView } from "./receipt-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ txId: string }> }) {
  const { txId } = await params;
  if (!hex64Pattern.test(txId)) notFound();
  const node = getNode();
  let receipt;
  try {
    receipt = await readReceiptOrThrow(node.prisma, txId, node.nodeKey.publicKeyHex);
  } catch (error) {
    if (error instanceof LedgerError && error.code === "not_found") notFound();
    throw error;
  }
  return <ReceiptView receipt={receipt} info={await readNodeInfo(node)} />;
}
