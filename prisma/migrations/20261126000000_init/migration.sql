-- CreateTable
CREATE TABLE "Block" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "chainId" TEXT NOT NULL,
    "merkleRoot" TEXT NOT NULL,
    "txCount" INTEGER NOT NULL,
    "timestamp" TEXT NOT NULL,
    "signature" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Transaction" (
    "sequence" INTEGER NOT NULL PRIMARY KEY,
    "txId" TEXT NOT NULL,
    "blockHeight" INTEGER NOT NULL,
    "leafIndex" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fromKey" TEXT NOT NULL,
    "toKey" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "memo" TEXT,
    "timestamp" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "Transaction_blockHeight_fkey" FOREIGN KEY ("blockHeight") REFERENCES "Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Account" (
    "publicKey" TEXT NOT NULL PRIMARY KEY,
    -- Added by hand: the database itself refuses a negative balance, whatever the code above it does.
    "balanceMinor" BIGINT NOT NULL CHECK ("balanceMinor" >= 0)
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "Block_prevHash_key" ON "Block"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_txId_key" ON "Transaction"("txId");

-- CreateIndex
CREATE INDEX "Transaction_fromKey_sequence_idx" ON "Transaction"("fromKey", "sequence");

-- CreateIndex
CREATE INDEX "Transaction_toKey_sequence_idx" ON "Transaction"("toKey", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_blockHeight_leafIndex_key" ON "Transaction"("blockHeight", "leafIndex");

-- Added by hand: the chain is append-only. A bug cannot rewrite or drop a sealed block or transaction; only
-- someone editing the file outside the node can, and the audit catches that.
CREATE TRIGGER "Block_append_only_update" BEFORE UPDATE ON "Block"
BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
CREATE TRIGGER "Block_append_only_delete" BEFORE DELETE ON "Block"
BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
CREATE TRIGGER "Transaction_append_only_update" BEFORE UPDATE ON "Transaction"
BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
CREATE TRIGGER "Transaction_append_only_delete" BEFORE DELETE ON "Transaction"
BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
