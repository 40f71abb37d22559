// A page of deliveries as a table on wide screens and cards on a phone (TableOrCards): the transaction (linked),
// its status, attempts, the last answer (HTTP status or error), the last and next attempts, when it was delivered
// and the Redeliver button.
import { useTranslations } from "next-intl";
import { TransactionLink } from "@/app/_components/entities/entity-links";
import { TableOrCards, type TableLayout } from "@/app/explorer/_components/table-or-cards";
import type { DeliveryStatus, DeliveryView } from "@/lib/validations/webhooks";
import { RedeliverButton } from "./redeliver-button";
import { WebhookTime } from "./webhook-time";

const statusClass: Record<DeliveryStatus, string> = {
  pending: "bg-amber-100 text-amber-950",
  delivered: "bg-emerald-100 text-emerald-900",
  failed: "bg-rose-100 text-rose-900",
};

export function DeliveriesTable({
  endpointId,
  deliveries,
  canRedeliver,
}: {
  endpointId: string;
  deliveries: DeliveryView[];
  canRedeliver: boolean;
}) {
  const t = useTranslations("explorerWebhooks.deliveries");
  const lastAnswer = (row: DeliveryView) => {
    const parts = [
      row.lastStatusCode === null ? null : t("httpStatus", { status: row.lastStatusCode }),
      row.lastError,
    ].filter((part) => part !== null);
    return parts.length === 0 ? (
      <span className="text-slate-500">{t("none")}</span>
    ) : (
      <span className="break-words">{parts.join(" · ")}</span>
    );
  };
  const layout: TableLayout<DeliveryView> = {
    rowKey: (row) => row.txId,
    columns: [
      { label: t("transaction"), cell: (row) => <TransactionLink txId={row.txId} /> },
      {
        label: t("status"),
        cell: (row) => (
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusClass[row.status]}`}
            data-testid="delivery-status"
          >
            {t(`statusNames.${row.status}`)}
          </span>
        ),
      },
      {
        label: t("attempts"),
        isNumeric: true,
        cell: (row) => row.attempts,
        cardCell: (row) => t("attemptsCount", { count: row.attempts }),
      },
      { label: t("lastAnswer"), cell: lastAnswer },
      { label: t("lastAttempt"), cell: (row) => <WebhookTime iso={row.lastAttemptAt} /> },
      { label: t("nextAttempt"), cell: (row) => <WebhookTime iso={row.nextAttemptAt} /> },
      { label: t("deliveredAt"), cell: (row) => <WebhookTime iso={row.deliveredAt} /> },
      ...(canRedeliver
        ? [
            {
              label: t("action"),
              cell: (row: DeliveryView) => <RedeliverButton endpointId={endpointId} txId={row.txId} />,
            },
          ]
        : []),
    ],
    card: {
      heading: t("transaction"),
      figure: t("status"),
      facts: [
        t("attempts"),
        t("lastAnswer"),
        t("lastAttempt"),
        t("nextAttempt"),
        t("deliveredAt"),
        ...(canRedeliver ? [t("action")] : []),
      ],
    },
  };
  return <TableOrCards label={t("label")} rows={deliveries} layout={layout} testId="webhook-deliveries" />;
}
