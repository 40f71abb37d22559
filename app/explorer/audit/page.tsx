// The full-chain audit, run from the page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { Card } from "../../_components/ui";
import { AuditRunner } from "./audit-runner";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("explorerActions.audit"))("title") };
}

export default async function AuditPage() {
  // It reads nothing itself, but like every explorer page it shows nothing without a session.
  await adminPageNode();
  const t = await getTranslations("explorerActions.audit");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <Card className="space-y-4">
        <p className="max-w-prose text-sm text-slate-700">{t("explanation")}</p>
        <AuditRunner />
      </Card>
    </>
  );
}
