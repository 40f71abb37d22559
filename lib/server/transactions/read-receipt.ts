// GET /api/transactions/{txId}, and the answer to a payment that was already recorded: the stored receipt.
import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { LedgerError } from "../../ledger/errors";
import { hexToBytes } from "../../ledger/hex";
import { inclusionPath } from "../../ledger/merkle";
import { buildReceipt } from "../../ledger/receipt";
import type { Receipt } from "../../ledger/types";
import { blockFromRow, transactionFromRow } from "../../db/sqlite-store";
import type { LedgerNode } from "../node/context";

export function readReceiptOrThrow(node: LedgerNode, txId: string): Promise<Receipt> {
  return readStoredReceipt(node.prisma, txId, node.nodePublicKey);
}

export async function readStoredReceipt(prisma: PrismaClient, txId: string, nodePublicKey: string): Promise<Receipt> {
  const row = await prisma.transaction.findUnique({ where: { txId }, include: { block: true } });
  if (row === null) throw new LedgerError("not_found", "No transaction with this id is recorded.");
  const leaves = await prisma.transaction.findMany({
    where: { blockHeight: row.blockHeight },
    orderBy: { leafIndex: "asc" },
    select: { txId: true },
  });
  const block = blockFromRow(row.block);
  return buildReceipt({
    txId,
    signed: { tx: transactionFromRow(row, block.header.chainId), signature: row.signature },
    block,
    leafIndex: row.leafIndex,
    path: inclusionPath(
      leaves.map((leaf) => hexToBytes(leaf.txId)),
      row.leafIndex,
    ),
    nodePublicKey,
  });
}
