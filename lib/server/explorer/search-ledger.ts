// The explorer's search: what a height, hash, txId or account key (or a prefix of one) names.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";

/** One of several things a prefix names: the page words it in its language (a block by height and hash). */
export type SearchMatch =
  { kind: "block"; id: string; hash: string } | { kind: "transaction"; id: string } | { kind: "account"; id: string };

export type SearchResult =
  | { kind: "block"; height: number }
  | { kind: "transaction"; txId: string }
  | { kind: "account"; publicKey: string }
  | { kind: "many"; matches: SearchMatch[] }
  | { kind: "none" };

const hexPrefixPattern = /^[0-9a-f]{4,64}$/;
export const searchPrefixMin = 4;
const matchesMax = 20;

/** A height, or a block hash, txId or account key given whole or by a unique prefix of at least 4 characters. */
export async function searchLedger(node: LedgerNode, query: string): Promise<SearchResult> {
  const text = query.trim().toLowerCase();
  if (text.length > 64) throw new LedgerError("invalid_request", "A search is at most 64 characters.", "q");
  // Digits that name an existing height mean that block; otherwise they may still be a hex prefix.
  if (heightPattern.test(text)) {
    const block = await node.store.blockAt(Number(text));
    if (block !== null) return { kind: "block", height: block.header.height };
  }
  if (!hexPrefixPattern.test(text)) return { kind: "none" };
  const { blocks, txIds, accounts: holders } = await node.store.queries.keysWithPrefix(text, matchesMax);
  // The node key signs every mint but holds no balance, so it has no Account row for the prefix read to find.
  const isNodeKey = node.nodePublicKey.startsWith(text) && !holders.includes(node.nodePublicKey);
  const accounts = isNodeKey ? [...holders, node.nodePublicKey] : holders;
  const matches: SearchMatch[] = [
    ...blocks.map((block) => ({ kind: "block" as const, id: String(block.height), hash: block.hash })),
    ...txIds.map((txId) => ({ kind: "transaction" as const, id: txId })),
    ...accounts.map((key) => ({ kind: "account" as const, id: key })),
  ];
  if (matches.length === 0) return { kind: "none" };
  if (matches.length > 1) return { kind: "many", matches: matches.slice(0, matchesMax) };
  const [only] = matches;
  if (only!.kind === "block") return { kind: "block", height: Number(only!.id) };
  if (only!.kind === "transaction") return { kind: "transaction", txId: only!.id };
  return { kind: "account", publicKey: only!.id };
}
