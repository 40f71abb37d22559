-- Issue 13, compact storage: hashes, keys and signatures as their bytes (BLOB), not as hex text, which halves
-- them and every index on them; and no index on (blockHeight, leafIndex), which no read needs (a block's
-- transactions are a range of the sequence key). Converts a stored chain in place, in the migration's one
-- transaction: a chain stored before it reads back the same, and its audit passes.
--
-- SQLite cannot change a column's type, so the three tables are made anew and copied. The new tables reference
-- "new_Block" until it is renamed "Block" (the rename rewrites those references): the old tables are dropped
-- children first, and no foreign key ever points at a missing block. Dropping a table fires none of its triggers.

CREATE TABLE "new_Block" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "hash" BLOB NOT NULL,
    "prevHash" BLOB NOT NULL,
    "version" INTEGER NOT NULL,
    "chainId" TEXT NOT NULL,
    "merkleRoot" BLOB NOT NULL,
    "txCount" INTEGER NOT NULL,
    "timestamp" TEXT NOT NULL,
    "signature" BLOB NOT NULL
);
INSERT INTO "new_Block"
SELECT "height", unhex("hash"), unhex("prevHash"), "version", "chainId", unhex("merkleRoot"), "txCount", "timestamp",
  unhex("signature")
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
    "timestamp" TEXT NOT NULL,
    "signature" BLOB NOT NULL,
    CONSTRAINT "Transaction_blockHeight_fkey" FOREIGN KEY ("blockHeight") REFERENCES "new_Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Transaction"
SELECT "sequence", unhex("txId"), "blockHeight", "leafIndex", "type", unhex("fromKey"), unhex("toKey"), "amountMinor",
  "memo", "timestamp", unhex("signature")
FROM "Transaction" ORDER BY "sequence";

CREATE TABLE "new_BlockTree" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "interiorLevels" BLOB NOT NULL,
    CONSTRAINT "BlockTree_height_fkey" FOREIGN KEY ("height") REFERENCES "new_Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BlockTree" SELECT "height", "interiorLevels" FROM "BlockTree" ORDER BY "height";

CREATE TABLE "new_Account" (
    "publicKey" BLOB NOT NULL PRIMARY KEY,
    "balanceMinor" BIGINT NOT NULL CHECK ("balanceMinor" >= 0)
);
INSERT INTO "new_Account" SELECT unhex("publicKey"), "balanceMinor" FROM "Account" ORDER BY "publicKey";

DROP TABLE "Transaction";
DROP TABLE "BlockTree";
DROP TABLE "Block";
DROP TABLE "Account";
ALTER TABLE "new_Block" RENAME TO "Block";
ALTER TABLE "new_Transaction" RENAME TO "Transaction";
ALTER TABLE "new_BlockTree" RENAME TO "BlockTree";
ALTER TABLE "new_Account" RENAME TO "Account";

-- The indexes, less (blockHeight, leafIndex).
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");
CREATE UNIQUE INDEX "Block_prevHash_key" ON "Block"("prevHash");
CREATE UNIQUE INDEX "Transaction_txId_key" ON "Transaction"("txId");
CREATE INDEX "Transaction_fromKey_sequence_idx" ON "Transaction"("fromKey", "sequence");
CREATE INDEX "Transaction_toKey_sequence_idx" ON "Transaction"("toKey", "sequence");

-- The triggers the dropped tables took with them, as the earlier migrations made them. The totals row is left
-- as it was: the copies above ran before these existed, and moved nothing.
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
CREATE TRIGGER "ChainTotals_account" AFTER INSERT ON "Account"
BEGIN UPDATE "ChainTotals" SET "accounts" = "accounts" + 1 WHERE "id" = 1; END;
