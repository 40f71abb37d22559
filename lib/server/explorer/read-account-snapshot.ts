// An account's page of history and its balance read as of one moment, so that the balance chart can walk down
// from the balance to each entry exactly. The two are separate reads: a block sealed between them would leave the
// balance one transaction ahead of the history (or behind). A block, its transactions and the balances commit
// together and the head only grows, so the same head before and after both reads means nothing changed between.
import "server-only";
import type { LedgerNode } from "../node/context";
import { readAccount, type AccountPage } from "../accounts/read-account";

// A busy chain seals blocks all the time; past this many tries the page is shown without its balance chart.
const snapshotTriesMax = 3;

export type AccountSnapshot = AccountPage & { isSnapshot: boolean };

export async function readAccountSnapshot(
  node: LedgerNode,
  account: string,
  limit: number,
  before: number | undefined,
): Promise<AccountSnapshot> {
  const headHash = async () => (await node.store.head())?.hash ?? null;
  let page: AccountPage | undefined;
  for (let attempt = 0; attempt < snapshotTriesMax; attempt += 1) {
    const headBefore = await headHash();
    page = await readAccount(node, account, limit, before);
    if ((await headHash()) === headBefore) return { ...page, isSnapshot: true };
  }
  return { ...page!, isSnapshot: false };
}
