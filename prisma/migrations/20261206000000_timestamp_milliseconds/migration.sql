-- Issue 13, compact storage: a block's and a transaction's timestamp as integer milliseconds since the Unix epoch
-- ("timestampMs"), not as its 24 characters of ISO 8601 text: 6 bytes a row in SQLite's record, not 25. The wire
-- keeps the text, which the stores write back from the number (lib/db/rows.ts). The round trip is exact because
-- the node stores no other text: every timestamp it accepts is the one `Date.prototype.toISOString` writes for its
-- instant (isIsoTimestamp, lib/ledger/transaction.ts), which the audit checks too. Whole seconds are read from the
-- first 19 characters and the milliseconds from the three after the point, so that no fraction is rounded, before
-- 1970 as after; a text that is no timestamp reads as NULL, and the NOT NULL column stops the migration.
--
-- SQLite cannot change a column's type, so the chain's tables are made anew and copied, as compact storage did
-- (20261204000000_compact_storage says how the references and triggers are kept).

CREATE TABLE "new_Block" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "hash" BLOB NOT NULL,
    "prevHash" BLOB NOT NULL,
    "version" INTEGER NOT NULL,
    "chainId" TEXT NOT NULL,
    "merkleRoot" BLOB NOT NULL,
    "txCount" INTEGER NOT NULL,
    "timestampMs" BIGINT NOT NULL,
    "signature" BLOB NOT NULL
);
INSERT INTO "new_Block"
SELECT "height", "hash", "prevHash", "version", "chainId", "merkleRoot", "txCount",
  unixepoch(substr("timestamp", 1, 19)) * 1000 + CAST(substr("timestamp", 21, 3) AS INTEGER), "signature"
FROM "Block" ORDER BY "height";

CREATE TABLE "new_Transaction" (
    "sequence" INTEGER NOT NULL PRIMARY KEY,
    "txId" BLOB NOT NULL,
    "blockHeight" INTEGER NOT NULL,
    "leafIndex" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fromKey" BLOB NOT NULL,
    "toKey" BLOB NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "memo" TEXT,
    "timestampMs" BIGINT NOT NULL,
    "signature" BLOB NOT NULL,
    CONSTRAINT "Transaction_blockHeight_fkey" FOREIGN KEY ("blockHeight") REFERENCES "new_Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Transaction"
SELECT "sequence", "txId", "blockHeight", "leafIndex", "type", "fromKey", "toKey", "amountMinor", "memo",
  unixepoch(substr("timestamp", 1, 19)) * 1000 + CAST(substr("timestamp", 21, 3) AS INTEGER), "signature"
FROM "Transaction" ORDER BY "sequence";

CREATE TABLE "new_BlockTree" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "interiorLevels" BLOB NOT NULL,
    CONSTRAINT "BlockTree_height_fkey" FOREIGN KEY ("height") REFERENCES "new_Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BlockTree" SELECT "height", "interiorLevels" FROM "BlockTree" ORDER BY "height";

DROP TABLE "Transaction";
DROP TABLE "BlockTree";
DROP TABLE "Block";
ALTER TABLE "new_Block" RENAME TO "Block";
ALTER TABLE "new_Transaction" RENAME TO "Transaction";
ALTER TABLE "new_BlockTree" RENAME TO "BlockTree";

-- The indexes and triggers the dropped tables took with them, as the earlier migrations made them.
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");
CREATE UNIQUE INDEX "Block_prevHash_key" ON "Block"("prevHash");
CREATE UNIQUE INDEX "Transaction_txId_key" ON "Transaction"("txId");
CREATE INDEX "Transaction_fromKey_prefix_idx" ON "Transaction"(substr("fromKey", 1, 8));
CREATE INDEX "Transaction_toKey_prefix_idx" ON "Transaction"(substr("toKey", 1, 8));

CREATE TRIGGER "Block_append_only_update" BEFORE UPDATE ON "Block"
BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
CREATE TRIGGER "Block_append_only_delete" BEFORE DELETE ON "Block"
BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
CREATE TRIGGER "Transaction_append_only_update" BEFORE UPDATE ON "Transaction"
BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER "Transaction_append_only_delete" BEFORE DELETE ON "Transaction"
BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER "BlockTree_append_only_update" BEFORE UPDATE ON "BlockTree"
BEGIN SELECT RAISE(ABORT, 'block trees are never rewritten'); END;
CREATE TRIGGER "ChainTotals_block" AFTER INSERT ON "Block"
BEGIN UPDATE "ChainTotals" SET "transactions" = "transactions" + NEW."txCount" WHERE "id" = 1; END;
CREATE TRIGGER "ChainTotals_mint" AFTER INSERT ON "Transaction" WHEN NEW."type" = 'mint'
BEGIN UPDATE "ChainTotals" SET "supplyMinor" = CASE
    WHEN NEW."amountMinor" > 9223372036854775807 - "supplyMinor" THEN 9223372036854775807
    ELSE "supplyMinor" + NEW."amountMinor" END
  WHERE "id" = 1; END;
