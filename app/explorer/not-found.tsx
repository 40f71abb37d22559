// A block, transaction or account the explorer does not hold: said inside the explorer's frame, with its search
// and navigation still at hand, rather than on the site's bare not-found page.
import { useTranslations } from "next-intl";
import { Card } from "../_components/ui";
import { SearchHelp } from "./_components/search-help";

export default function ExplorerNotFound() {
  const t = useTranslations("explorer.notFound");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <Card>
        <h2 className="text-lg font-semibold">{t("explanation")}</h2>
        <SearchHelp />
      </Card>
    </>
  );
}
