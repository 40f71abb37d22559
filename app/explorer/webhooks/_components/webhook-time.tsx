// A moment of the webhook records in the page's language, in UTC (and saying so): the server and the browser
// render it alike, so hydration never mismatches. Absent times show a dash.
import { useFormatter, useTranslations } from "next-intl";

const timeOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
} as const;

export function WebhookTime({ iso }: { iso: string | null }) {
  const format = useFormatter();
  const t = useTranslations("explorerWebhooks.deliveries");
  if (iso === null) return <span className="text-slate-500">{t("none")}</span>;
  return (
    <time dateTime={iso} title={iso} className="md:whitespace-nowrap">
      {format.dateTime(new Date(iso), timeOptions)}
    </time>
  );
}

/** An endpoint's status: enabled, or when it was disabled (the sentence's word order is each language's own). */
export function EndpointStatus({ disabledAt }: { disabledAt: string | null }) {
  const format = useFormatter();
  const t = useTranslations("explorerWebhooks.list");
  if (disabledAt === null) return <span className="font-medium text-emerald-800">{t("enabled")}</span>;
  return (
    <span className="break-keep text-slate-700" data-testid="endpoint-disabled">
      {t.rich("disabled", {
        when: format.dateTime(new Date(disabledAt), timeOptions),
        time: (chunks) => (
          <time dateTime={disabledAt} title={disabledAt} className="md:whitespace-nowrap">
            {chunks}
          </time>
        ),
      })}
    </span>
  );
}
