// The endpoints, newest first, one card each (it reads the same at 390 px and on a desktop): account, URL,
// created, status, a link to its deliveries and, while enabled, the disable button.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { AccountLink } from "@/app/_components/entities/entity-links";
import type { EndpointView } from "@/lib/validations/webhooks";
import { DisableEndpointButton } from "./disable-endpoint-button";
import { EndpointStatus, WebhookTime } from "./webhook-time";

export const endpointHref = (id: string) => `/explorer/webhooks/${id}`;

export function EndpointList({ endpoints, isFiltered }: { endpoints: EndpointView[]; isFiltered: boolean }) {
  const t = useTranslations("explorerWebhooks.list");
  if (endpoints.length === 0)
    return <p className="text-sm text-slate-600">{isFiltered ? t("emptyFiltered") : t("empty")}</p>;
  return (
    <ul aria-label={t("label")} className="divide-y divide-slate-100" data-testid="webhook-endpoints">
      {endpoints.map((endpoint) => (
        <li key={endpoint.id} className="space-y-3 py-4 first:pt-0 last:pb-0">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
            <dt className="font-medium text-slate-600">{t("url")}</dt>
            <dd className="min-w-0 break-all font-mono">{endpoint.url}</dd>
            <dt className="font-medium text-slate-600">{t("account")}</dt>
            <dd className="min-w-0">
              <AccountLink publicKey={endpoint.account} />
            </dd>
            <dt className="font-medium text-slate-600">{t("created")}</dt>
            <dd>
              <WebhookTime iso={endpoint.createdAt} />
            </dd>
            <dt className="font-medium text-slate-600">{t("status")}</dt>
            <dd>
              <EndpointStatus disabledAt={endpoint.disabledAt} />
            </dd>
          </dl>
          <div className="flex flex-wrap items-start gap-3">
            <Link
              href={endpointHref(endpoint.id)}
              aria-label={t("deliveriesOf", { url: endpoint.url })}
              className="inline-flex min-h-10 items-center rounded-lg px-1 text-sm font-medium text-indigo-700 hover:underline"
            >
              {t("deliveries")} →
            </Link>
            {endpoint.disabledAt === null && <DisableEndpointButton id={endpoint.id} url={endpoint.url} />}
          </div>
        </li>
      ))}
    </ul>
  );
}
