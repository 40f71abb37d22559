// One endpoint's deliveries, newest first, a keyset page at a time (`?cursor=` from the previous page): each
// transaction linked to its page, with its status, attempts, the last answer and the times, and a Redeliver button.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { PageProps } from "@/app/_lib/page-props";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { LedgerError } from "@/lib/ledger/errors";
import { listDeliveries } from "@/lib/server/webhooks/admin/manage-endpoints";
import { deliveriesPageDefault, deliveryCursorSchema, endpointIdSchema } from "@/lib/validations/webhooks";
import { AccountLink } from "../../../_components/entities/entity-links";
import { Card } from "../../../_components/ui";
import { DeliveriesTable } from "../_components/deliveries-table";
import { endpointHref } from "../_components/endpoint-list";
import { EndpointStatus, WebhookTime } from "../_components/webhook-time";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("explorerWebhooks.deliveries");
  return { title: t("title") };
}

async function readPage(id: string, cursorText: string | undefined) {
  const node = await adminPageNode();
  // A cursor that is not one (typed by hand, cut short) shows the newest page rather than an error page.
  const cursor = deliveryCursorSchema.safeParse(cursorText);
  try {
    return await listDeliveries(node, id, {
      limit: deliveriesPageDefault,
      cursor: cursor.success ? cursor.data : undefined,
    });
  } catch (error) {
    if (error instanceof LedgerError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function DeliveriesPage(props: PageProps<{ id: string }, { cursor?: string }>) {
  const [{ id }, { cursor }] = await Promise.all([props.params, props.searchParams]);
  if (!endpointIdSchema.safeParse(id).success) notFound();
  const [t, tList, page] = await Promise.all([
    getTranslations("explorerWebhooks.deliveries"),
    getTranslations("explorerWebhooks.list"),
    readPage(id, cursor),
  ]);
  const { endpoint } = page;
  const isEnabled = endpoint.disabledAt === null;
  return (
    <>
      <p className="text-sm font-medium">
        <Link href="/explorer/webhooks" className="text-indigo-700 hover:underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <Card className="space-y-2">
        <p className="break-all font-mono text-sm">{endpoint.url}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="font-medium text-slate-600">{tList("account")}</dt>
          <dd className="min-w-0">
            <AccountLink publicKey={endpoint.account} />
          </dd>
          <dt className="font-medium text-slate-600">{tList("created")}</dt>
          <dd>
            <WebhookTime iso={endpoint.createdAt} />
          </dd>
          <dt className="font-medium text-slate-600">{tList("status")}</dt>
          <dd>
            <EndpointStatus disabledAt={endpoint.disabledAt} />
          </dd>
        </dl>
        {!isEnabled && <p className="text-sm text-slate-700">{t("disabledNote")}</p>}
      </Card>
      <Card labelledBy="deliveries-heading">
        <h2 id="deliveries-heading" className="mb-3 text-lg font-semibold">
          {t("heading")}
        </h2>
        {page.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">{cursor === undefined ? t("empty") : t("emptyOlder")}</p>
        ) : (
          <DeliveriesTable endpointId={endpoint.id} deliveries={page.deliveries} canRedeliver={isEnabled} />
        )}
        <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm font-medium">
          {cursor === undefined ? (
            <span />
          ) : (
            <Link href={endpointHref(endpoint.id)} className="text-indigo-700 hover:underline">
              {t("newest")}
            </Link>
          )}
          {page.nextCursor !== null && (
            <Link
              href={`${endpointHref(endpoint.id)}?cursor=${encodeURIComponent(page.nextCursor)}`}
              className="text-indigo-700 hover:underline"
            >
              {t("older")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
