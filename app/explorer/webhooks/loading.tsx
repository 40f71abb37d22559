// While the endpoints (or one endpoint's deliveries) load: a quiet placeholder that says what is coming.
import { useTranslations } from "next-intl";
import { Spinner } from "../../_components/ui";

export default function WebhooksLoading() {
  const t = useTranslations("explorerWebhooks");
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
      <Spinner />
      {t("loading")}
    </p>
  );
}
