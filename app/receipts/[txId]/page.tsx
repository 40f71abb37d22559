// /receipts/{txId}: a receipt, verified in the browser against the node key the wallet pinned.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { readReceiptForPage } from "@/app/_lib/read-receipt-for-page";
import { getNode } from "@/lib/server/node/context";
import { ReceiptView } from "./receipt-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("receipts.view");
  return { title: t("title") };
}

export default async function ReceiptPage({ params }: { params: Promise<{ txId: string }> }) {
  const { txId } = await params;
  const { receipt, info } = await readReceiptForPage(await getNode(), txId);
  return <ReceiptView receipt={receipt} info={info} />;
}
