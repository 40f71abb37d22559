// /pay?to=…&amount=…&memo=…&expires=…&sig=…: a payment request, opened from its link or its QR code. The link is
// read in the browser (it is checked against the browser's clock, and the payer's wallet is there); the node's
// facts are rendered here so that the first paint already knows the currency.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getNode } from "@/lib/server/node/context";
import { readNodeInfo } from "@/lib/server/node/read-node-info";
import { PayRequest } from "../_components/requests/pay/pay-request";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("requests.pay");
  return { title: t("title") };
}

export default async function PayPage() {
  return <PayRequest initialInfo={await readNodeInfo(await getNode())} />;
}
