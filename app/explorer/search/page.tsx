// Search: straight to the page of a height, block hash, txId or account (a unique prefix is enough).
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { searchLedger, type SearchMatch } from "@/lib/server/explorer/search-ledger";
import { accountHref, blockHref, transactionHref } from "../../_components/entities/entity-links";
import { Card } from "../../_components/ui";
import { SearchHelp } from "../_components/search-help";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("explorer.search"))("title") };
}

const hrefOf = (kind: "block" | "transaction" | "account", id: string) =>
  kind === "block" ? blockHref(Number(id)) : kind === "transaction" ? transactionHref(id) : accountHref(id);

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const node = await adminPageNode();
  const { q } = await searchParams;
  // A repeated `?q=` arrives as an array (it answered 500 before): the first one is searched.
  const query = (Array.isArray(q) ? (q[0] ?? "") : (q ?? "")).trim().slice(0, 64);
  const result = query === "" ? { kind: "none" as const } : await searchLedger(node, query);
  const t = await getTranslations("explorer.search");
  const labelOf = (match: SearchMatch) =>
    match.kind === "block"
      ? t("blockMatch", { height: match.id, hash: match.hash })
      : t(match.kind === "transaction" ? "transactionMatch" : "accountMatch", { id: match.id });
  if (result.kind === "block") redirect(hrefOf("block", String(result.height)));
  if (result.kind === "transaction") redirect(hrefOf("transaction", result.txId));
  if (result.kind === "account") redirect(hrefOf("account", result.publicKey));
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      {result.kind === "many" ? (
        <Card labelledBy="matches-heading">
          <h2 id="matches-heading" className="mb-3 text-lg font-semibold">
            {t("manyMatches", { query })}
          </h2>
          <ul className="space-y-2 text-sm">
            {result.matches.map((match) => (
              <li key={`${match.kind}-${match.id}`}>
                <Link
                  href={hrefOf(match.kind, match.id)}
                  className="break-all font-mono text-indigo-700 hover:underline"
                >
                  {labelOf(match)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        <Card labelledBy="nothing-heading">
          <h2 id="nothing-heading" className="text-lg font-semibold">
            {query === "" ? t("nothingAsked") : t("nothingMatches", { query })}
          </h2>
          <SearchHelp />
        </Card>
      )}
    </>
  );
}
