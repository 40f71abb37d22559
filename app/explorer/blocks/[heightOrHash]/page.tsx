// A block: its header, its neighbours, and its transactions.
import Link from "next/link";
import { notFound } from "next/navigation";
import { LedgerError } from "@/lib/ledger/errors";
import { getNode } from "@/lib/server/node/context";
import { getBlockPageOrThrow } from "@/lib/server/blocks/read-blocks";
import { formatAmount, formatTime } from "@/lib/wallet/format";
import { shortHash } from "../../_components/format";
import { DetailsList } from "../../../_components/details-list";
import { TableHead } from "../../_components/table-head";

export const dynamic = "force-dynamic";

// A block holds up to 1,000 transactions; the page shows them this many at a time.
const transactionsPerPage = 50;
const pagePattern = /^[1-9][0-9]{0,3}$/;

export default async function BlockPage({
  params,
  searchParams,
}: {
  params: Promise<{ heightOrHash: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { heightOrHash } = await params;
  const { page: pageText } = await searchParams;
  const pageNumber = pageText !== undefined && pagePattern.test(pageText) ? Number(pageText) : 1;
  const node = await getNode();
  let found;
  try {
    found = await getBlockPageOrThrow(node, heightOrHash, (pageNumber - 1) * transactionsPerPage, transactionsPerPage);
  } catch (error) {
    if (error instanceof LedgerError) notFound();
    throw error;
  }
  const { block, transactions } = found;
  const { header } = block;
  const head = (await node.store.head())!.header.height;
  const pageCount = Math.max(1, Math.ceil(header.txCount / transactionsPerPage));
  const pageHref = (number: number) => `/explorer/blocks/${header.height}${number === 1 ? "" : `?page=${number}`}`;
  const fields: [string, React.ReactNode][] = [
    ["Height", header.height],
    [
      "Hash",
      <code key="h" className="break-all font-mono text-xs">
        {block.hash}
      </code>,
    ],
    [
      "Previous block",
      header.height === 0 ? (
        "none (genesis)"
      ) : (
        <Link
          key="p"
          href={`/explorer/blocks/${header.height - 1}`}
          className="break-all font-mono text-xs text-indigo-700 hover:underline"
        >
          {header.prevHash}
        </Link>
      ),
    ],
    [
      "Merkle root",
      <code key="m" className="break-all font-mono text-xs">
        {header.merkleRoot}
      </code>,
    ],
    ["Transactions", header.txCount],
    ["Sealed", `${formatTime(header.timestamp)} (${header.timestamp})`],
    ["Chain", header.chainId],
    ["Version", header.version],
    [
      "Node signature",
      <code key="s" className="break-all font-mono text-xs">
        {block.signature}
      </code>,
    ],
  ];
  return (
    <>
      <nav aria-label="Neighbouring blocks" className="flex justify-between text-sm font-medium">
        {header.height > 0 ? (
          <Link className="text-indigo-700 hover:underline" href={`/explorer/blocks/${header.height - 1}`}>
            ← Block {header.height - 1}
          </Link>
        ) : (
          <span />
        )}
        {header.height < head ? (
          <Link className="text-indigo-700 hover:underline" href={`/explorer/blocks/${header.height + 1}`}>
            Block {header.height + 1} →
          </Link>
        ) : (
          <span />
        )}
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Block {header.height}</h1>
      <section aria-label="Header" className="rounded-2xl border border-slate-200 bg-white p-5">
        <DetailsList rows={fields} />
      </section>
      <section aria-labelledby="transactions-heading" className="rounded-2xl border border-slate-200 bg-white p-5">
        <h2 id="transactions-heading" className="mb-3 text-lg font-semibold">
          Transactions
          {pageCount > 1 && (
            <span className="ml-2 text-sm font-normal text-slate-600">
              page {pageNumber} of {pageCount}
            </span>
          )}
        </h2>
        {transactions.length === 0 ? (
          <p className="text-sm text-slate-600">
            {header.height === 0 ? "Genesis holds no transactions." : "No transactions on this page."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <TableHead columns={["Leaf", "Transaction", "From", "To", { label: "Amount", isNumeric: true }]} />
              <tbody>
                {transactions.map(({ txId, tx, leafIndex }) => (
                  <tr key={txId} className="border-b border-slate-100">
                    <td className="py-2 pr-3 tabular-nums">{leafIndex}</td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      <Link href={`/explorer/transactions/${txId}`} className="text-indigo-700 hover:underline">
                        {shortHash(txId, 8)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {tx.type === "mint" ? (
                        <span className="font-sans text-slate-600">mint (node)</span>
                      ) : (
                        <Link href={`/explorer/accounts/${tx.from}`} className="text-indigo-700 hover:underline">
                          {shortHash(tx.from, 8)}
                        </Link>
                      )}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      <Link href={`/explorer/accounts/${tx.to}`} className="text-indigo-700 hover:underline">
                        {shortHash(tx.to, 8)}
                      </Link>
                    </td>
                    <td className="py-2 text-right tabular-nums">{formatAmount(tx.amount, node.config.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pageCount > 1 && (
          <nav aria-label="Pages of transactions" className="mt-4 flex justify-between text-sm font-medium">
            {pageNumber > 1 ? (
              <Link href={pageHref(pageNumber - 1)} className="text-indigo-700 hover:underline">
                ← Previous {transactionsPerPage}
              </Link>
            ) : (
              <span />
            )}
            {pageNumber < pageCount ? (
              <Link href={pageHref(pageNumber + 1)} className="text-indigo-700 hover:underline">
                Next {transactionsPerPage} →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </section>
    </>
  );
}
