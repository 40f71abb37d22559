// /requests/{id}: a payment request this browser made, waiting for its payment and then paid, live. Requests live
// in the browser that made them, so the page reads it there; the node's facts are rendered here.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getNode } from "@/lib/server/node/context";
import { readNodeInfo } from "@/lib/server/node/read-node-info";
import { RequestView } from "../../_components/requests/page/request-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("requests.page");
  return { title: t("title") };
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RequestView id={id} initialInfo={await readNodeInfo(await getNode())} />;
}
