// Merchant webhooks (issue 12): the endpoints, newest first, and the form to register one; `?account=<key>`
// narrows the list to one account's endpoints (the account page links here so) and fills in the form.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { PageProps } from "@/app/_lib/page-props";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { hex64Pattern } from "@/lib/ledger/hex";
import { listEndpoints } from "@/lib/server/webhooks/admin/manage-endpoints";
import { Card } from "../../_components/ui";
import { EndpointList } from "./_components/endpoint-list";
import { RegisterEndpointForm } from "./_components/register-endpoint-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("explorerWebhooks");
  return { title: t("title") };
}

export default async function WebhooksPage(props: PageProps<Record<string, never>, { account?: string }>) {
  const node = await adminPageNode();
  const { account: asked } = await props.searchParams;
  const account = asked !== undefined && hex64Pattern.test(asked) ? asked : undefined;
  const [t, { endpoints }] = await Promise.all([getTranslations("explorerWebhooks"), listEndpoints(node, account)]);
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl break-keep text-sm text-slate-600">{t("intro")}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        {node.writer !== null && (
          <Card labelledBy="register-heading" className="self-start">
            <h2 id="register-heading" className="mb-4 text-lg font-semibold">
              {t("register.heading")}
            </h2>
            <RegisterEndpointForm defaultAccount={account ?? ""} />
          </Card>
        )}
        <Card labelledBy="endpoints-heading" className={node.writer === null ? "lg:col-span-2" : ""}>
          <h2 id="endpoints-heading" className="mb-1 text-lg font-semibold">
            {t("list.heading")}
          </h2>
          {account !== undefined && (
            <p className="mb-3 text-sm text-slate-600">
              {t("filtered")}{" "}
              <Link href="/explorer/webhooks" className="font-medium text-indigo-700 hover:underline">
                {t("showAll")}
              </Link>
            </p>
          )}
          <div className="mt-3">
            <EndpointList endpoints={endpoints} isFiltered={account !== undefined} />
          </div>
        </Card>
      </div>
    </>
  );
}
