// A block: its header, its neighbours, and its transactions.
import type { PageProps } from "@/app/_lib/page-props";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import { LedgerError } from "@/lib/ledger/errors";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { getBlockPageOrThrow } from "@/lib/server/blocks/read-block-page";
import { BlockLink, blockHref } from "../../../_components/entities/entity-links";
import { RelativeTime } from "../../../_components/entities/relative-time";
import { DetailsCard } from "../../_components/details-card";
import { Card } from "../../../_components/ui";
import { BlockTransactions } from "./block-transactions";

export const dynamic = "force-dynamic";

// A block holds up to 1,000 transactions; the page shows them this many at a time.
const transactionsPerPage = 50;
const pagePattern = /^[1-9][0-9]{0,3}$/;

export default async function BlockPage(props: PageProps<{ heightOrHash: string }, { page?: string }>) {
  const node = await adminPageNode();
  const [{ heightOrHash }, { page: pageText }] = await Promise.all([props.params, props.searchParams]);
  const pageNumber = pageText !== undefined && pagePattern.test(pageText) ? Number(pageText) : 1;
  let found;
  try {
    found = await getBlockPageOrThrow(node, heightOrHash, (pageNumber - 1) * transactionsPerPage, transactionsPerPage);
  } catch (error) {
    if (error instanceof LedgerError) notFound();
    throw error;
  }
  const { block, transactions } = found;
  const { header } = block;
  const [head, t, format] = await Promise.all([
    node.store.head().then((signed) => signed!.header.height),
    getTranslations("explorer.block"),
    getFormat(),
  ]);
  const pageCount = Math.max(1, Math.ceil(header.txCount / transactionsPerPage));
  const pageHref = (number: number) => `${blockHref(header.height)}${number === 1 ? "" : `?page=${number}`}`;
  const fields: [string, React.ReactNode][] = [
    [t("height"), String(header.height)],
    [
      t("hash"),
      <code key="h" className="break-all font-mono text-xs">
        {block.hash}
      </code>,
    ],
    [
      t("previousBlock"),
      header.height === 0 ? (
        t("genesisPrevious")
      ) : (
        <BlockLink key="p" height={header.height - 1}>
          <span className="break-all font-mono text-xs">{header.prevHash}</span>
        </BlockLink>
      ),
    ],
    [
      t("merkleRoot"),
      <code key="m" className="break-all font-mono text-xs">
        {header.merkleRoot}
      </code>,
    ],
    [t("transactions"), format.number(header.txCount)],
    [t("sealed"), <RelativeTime key="t" iso={header.timestamp} isAbsoluteShown />],
    [t("chain"), header.chainId],
    [t("version"), header.version],
    [
      t("nodeSignature"),
      <code key="s" className="break-all font-mono text-xs">
        {block.signature}
      </code>,
    ],
  ];
  return (
    <>
      <nav aria-label={t("neighboursLabel")} className="flex justify-between text-sm font-medium">
        {header.height > 0 ? (
          <BlockLink height={header.height - 1}>{t("previousLink", { height: String(header.height - 1) })}</BlockLink>
        ) : (
          <span />
        )}
        {header.height < head ? (
          <BlockLink height={header.height + 1}>{t("nextLink", { height: String(header.height + 1) })}</BlockLink>
        ) : (
          <span />
        )}
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading", { height: String(header.height) })}</h1>
      <DetailsCard heading={t("headerHeading")} headingId="header-heading" rows={fields} />
      <Card labelledBy="transactions-heading">
        <h2 id="transactions-heading" className="mb-3 text-lg font-semibold">
          {t("transactionsHeading")}
          {pageCount > 1 && (
            <span className="ml-2 text-sm font-normal text-slate-600">
              {t("pageOf", { page: pageNumber, count: pageCount })}
            </span>
          )}
        </h2>
        {transactions.length === 0 ? (
          <p className="text-sm text-slate-600">{header.height === 0 ? t("genesisEmpty") : t("pageEmpty")}</p>
        ) : (
          <BlockTransactions transactions={transactions} currency={node.config.currency} />
        )}
        {pageCount > 1 && (
          <nav aria-label={t("pagesLabel")} className="mt-4 flex justify-between text-sm font-medium">
            {pageNumber > 1 ? (
              <Link href={pageHref(pageNumber - 1)} className="text-indigo-700 hover:underline">
                {t("previousPage", { count: transactionsPerPage })}
              </Link>
            ) : (
              <span />
            )}
            {pageNumber < pageCount ? (
              <Link href={pageHref(pageNumber + 1)} className="text-indigo-700 hover:underline">
                {t("nextPage", { count: transactionsPerPage })}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
