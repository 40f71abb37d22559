// The ways into the webhooks page from elsewhere in the explorer: a card among the admin actions, and a link on an
// account's page to that account's endpoints. Each is one mounted component, so the pages they sit on change little.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Card } from "@/app/_components/ui";

export const webhooksHref = "/explorer/webhooks";
export const accountWebhooksHref = (publicKey: string) => `${webhooksHref}?account=${publicKey}`;

export function WebhooksActionCard() {
  const t = useTranslations("explorerWebhooks");
  return (
    <Card labelledBy="webhooks-heading" className="md:col-span-2">
      <h2 id="webhooks-heading" className="mb-1 text-lg font-semibold">
        {t("actionsHeading")}
      </h2>
      <p className="mb-4 text-sm text-slate-600">{t("actionsText")}</p>
      <Link
        href={webhooksHref}
        className="inline-flex min-h-10 items-center rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        {t("actionsLink")}
      </Link>
    </Card>
  );
}

export function AccountWebhooksLink({ publicKey }: { publicKey: string }) {
  const t = useTranslations("explorerWebhooks");
  return (
    <Link href={accountWebhooksHref(publicKey)} className="text-indigo-700 hover:underline">
      {t("accountLink")}
    </Link>
  );
}
