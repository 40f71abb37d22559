-- Issue 13, compact storage: a block's and a transaction's timestamp as integer milliseconds since the Unix epoch
-- ("timestampMs", bigint), not as its 24 characters of ISO 8601 text. The wire keeps the text, which the stores
-- write back from the number (lib/db/rows.ts). The round trip is exact because the node stores no other text:
-- every timestamp it accepts is the one `Date.prototype.toISOString` writes for its instant (isIsoTimestamp,
-- lib/ledger/transaction.ts), which the audit checks too; PostgreSQL reads it to the microsecond, and its epoch
-- is an exact numeric. Each ALTER rewrites its table in the migration's one transaction and fires no row trigger.
ALTER TABLE "Block" ALTER COLUMN "timestamp" TYPE BIGINT
  USING (extract(epoch FROM "timestamp"::timestamptz) * 1000)::bigint;
ALTER TABLE "Block" RENAME COLUMN "timestamp" TO "timestampMs";

ALTER TABLE "Transaction" ALTER COLUMN "timestamp" TYPE BIGINT
  USING (extract(epoch FROM "timestamp"::timestamptz) * 1000)::bigint;
ALTER TABLE "Transaction" RENAME COLUMN "timestamp" TO "timestampMs";
