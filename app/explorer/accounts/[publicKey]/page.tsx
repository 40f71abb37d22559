// An account: its balance and its history, newest first, paged with the API's opaque cursor.
import type { PageProps } from "@/app/_lib/page-props";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hex64Pattern } from "@/lib/ledger/hex";
import { pageLimitDefault } from "@/lib/ledger/limits";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readAccount } from "@/lib/server/accounts/read-account";
import { formatAmount } from "@/lib/wallet/format";
import { Card } from "../../../_components/ui";
import { AccountHistory } from "./account-history";
import { accountHref } from "../../../_components/entities/entity-links";

export const dynamic = "force-dynamic";

const cursorPattern = /^[1-9][0-9]{0,15}$/;

export default async function AccountPage(props: PageProps<{ publicKey: string }, { before?: string }>) {
  const node = await adminPageNode();
  const [{ publicKey }, { before }] = await Promise.all([props.params, props.searchParams]);
  if (!hex64Pattern.test(publicKey)) notFound();
  const cursor = before !== undefined && cursorPattern.test(before) ? Number(before) : undefined;
  const page = await readAccount(node, publicKey, pageLimitDefault, cursor);
  const isNode = publicKey === node.nodePublicKey;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <Card className="space-y-3">
        <p className="break-all font-mono text-sm">{publicKey}</p>
        {isNode && (
          <p className="text-sm text-slate-600">This is the node&apos;s own key: it signs blocks and mints.</p>
        )}
        <p>
          <span className="text-sm text-slate-600">Balance </span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="account-balance">
            {formatAmount(page.balance, node.config.currency)}
          </span>
        </p>
        <p className="flex flex-wrap gap-4 text-sm font-medium">
          <a
            href={`/api/admin/export?kind=account&account=${publicKey}&format=json`}
            className="text-indigo-700 hover:underline"
          >
            Download statement (JSON, verifiable)
          </a>
          <a
            href={`/api/admin/export?kind=account&account=${publicKey}&format=csv`}
            className="text-indigo-700 hover:underline"
          >
            Download statement (CSV)
          </a>
        </p>
      </Card>
      <Card labelledBy="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h2>
        {page.transactions.length === 0 ? (
          <p className="text-sm text-slate-600">
            {cursor === undefined ? "No transactions yet." : "No older transactions."}
          </p>
        ) : (
          <AccountHistory publicKey={publicKey} entries={page.transactions} currency={node.config.currency} />
        )}
        <nav aria-label="Pages of history" className="mt-4 flex justify-between text-sm font-medium">
          {cursor === undefined ? (
            <span />
          ) : (
            <Link href={accountHref(publicKey)} className="text-indigo-700 hover:underline">
              ← Newest
            </Link>
          )}
          {page.nextBefore !== null && (
            <Link
              href={`${accountHref(publicKey)}?before=${page.nextBefore}`}
              className="text-indigo-700 hover:underline"
            >
              Older →
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
