// /explorer/log: the witnessed log (PROTOCOL.md v2): the node's origin and vkey, its policy, the newest witnessed
// checkpoint with its cosigners and lag, each witness's last answer, and any evidence of equivocation. It refreshes
// itself as blocks arrive, since each block may bring a new checkpoint and new answers.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readLogStatus } from "@/lib/server/log/log-status";
import { LogRefresh } from "../_components/log-refresh";
import { LogView } from "../_components/log-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("explorerLog"))("title") };
}
export const dynamic = "force-dynamic";

export default async function LogPage() {
  const status = await readLogStatus(await adminPageNode());
  return (
    <>
      <LogView status={status} />
      <LogRefresh />
    </>
  );
}
