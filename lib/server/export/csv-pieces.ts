// The CSV exports, a piece at a time: an account statement (every transaction with its running balance) and a
// block range (every transaction of every block), amounts in minor units and as exact major units.
import "server-only";
import { formatMinorUnits } from "../../ledger/amount";
import type { AuditTransaction } from "../../ledger/audit";
import { balanceChangeOf } from "../../ledger/balances";
import type { Currency, SignedBlock } from "../../ledger/types";
import { csvRow } from "./csv-fields";
import { blocksOf, type ExportPlan } from "./export-plan";

/** The columns both CSV exports open with, each row's values from `blockColumns`. */
const blockColumnNames = ["blockHeight", "blockHash", "blockTime", "leafIndex", "txId", "time"];

const accountCsvColumns = [
  ...blockColumnNames,
  "type",
  "direction",
  "counterparty",
  "amountMinor",
  "amount",
  "balanceMinor",
  "balance",
  "currency",
  "memo",
];

export async function* accountCsvPieces(plan: ExportPlan, account: string, currency: Currency): AsyncGenerator<string> {
  yield csvRow(accountCsvColumns);
  // A statement holds the account's whole history, so its running balance starts from zero.
  let balanceMinor = 0n;
  for await (const { block, transactions } of blocksOf(plan)) {
    const rows: string[] = [];
    for (const item of transactions) {
      const { tx } = item;
      const changeMinor = balanceChangeOf(account, tx);
      balanceMinor += changeMinor;
      rows.push(
        csvRow([
          ...blockColumns(block, item),
          tx.type,
          // A mint credits its payee; what an account signs as a mint's issuer is an issue, not a debit.
          changeMinor > 0n ? "credit" : changeMinor < 0n ? "debit" : "issue",
          changeMinor > 0n ? tx.from : tx.to,
          tx.amount,
          majorUnits(BigInt(tx.amount), currency),
          balanceMinor.toString(),
          majorUnits(balanceMinor, currency),
          currency.code,
          tx.memo ?? "",
        ]),
      );
    }
    yield rows.join("");
  }
}

const blocksCsvColumns = [...blockColumnNames, "type", "from", "to", "amountMinor", "amount", "currency", "memo"];

export async function* blocksCsvPieces(plan: ExportPlan, currency: Currency): AsyncGenerator<string> {
  yield csvRow(blocksCsvColumns);
  for await (const { block, transactions } of blocksOf(plan)) {
    yield transactions
      .map((item) => {
        const { tx } = item;
        const amount = majorUnits(BigInt(tx.amount), currency);
        return csvRow([
          ...blockColumns(block, item),
          tx.type,
          tx.from,
          tx.to,
          tx.amount,
          amount,
          currency.code,
          tx.memo ?? "",
        ]);
      })
      .join("");
  }
}

/** A row's values for `blockColumnNames`: where the transaction stands in the chain, and when it was made. */
function blockColumns(block: SignedBlock, item: AuditTransaction): string[] {
  return [
    String(block.header.height),
    block.hash,
    block.header.timestamp,
    String(item.leafIndex),
    item.txId,
    item.tx.timestamp,
  ];
}

/** Exact major units without thousands separators ("1234.50"), which spreadsheets read as numbers. */
function majorUnits(amountMinor: bigint, currency: Currency): string {
  return formatMinorUnits(amountMinor, currency.decimals).replaceAll(",", "");
}
