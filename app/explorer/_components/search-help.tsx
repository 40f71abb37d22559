// What the search box takes, and the way back: said wherever the explorer could not find what was asked for.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { searchPrefixMin } from "@/lib/server/explorer/search-ledger";

export function SearchHelp() {
  const t = useTranslations("explorer.search");
  return (
    <>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t("helpHeight")}</li>
        <li>{t("helpHash")}</li>
        <li>{t("helpPrefix", { count: searchPrefixMin })}</li>
      </ul>
      <p className="mt-3 text-sm">
        <Link href="/explorer" className="font-medium text-indigo-700 hover:underline">
          {t("back")}
        </Link>
      </p>
    </>
  );
}
