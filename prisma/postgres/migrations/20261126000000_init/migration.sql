-- CreateTable
CREATE TABLE "Block" (
    "height" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "chainId" TEXT NOT NULL,
    "merkleRoot" TEXT NOT NULL,
    "txCount" INTEGER NOT NULL,
    "timestamp" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("height")
);

-- CreateTable
CREATE TABLE "Transaction" (
    -- BIGINT by hand (the model says Int, as SQLite's INTEGER is 64-bit already): height * 1000 + leaf passes
    -- 2^31 at block 2,147,484.
    "sequence" BIGINT NOT NULL,
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

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "Account" (
    "publicKey" TEXT NOT NULL,
    -- Added by hand: the database itself refuses a negative balance, whatever the code above it does.
    "balanceMinor" BIGINT NOT NULL CHECK ("balanceMinor" >= 0),

    CONSTRAINT "Account_pkey" PRIMARY KEY ("publicKey")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_blockHeight_fkey" FOREIGN KEY ("blockHeight") REFERENCES "Block"("height") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand: the chain is append-only. A bug cannot rewrite or drop a sealed block or transaction; only
-- someone with the owner's rights working around these triggers can, and the audit catches that.
CREATE FUNCTION "chainpay_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "Block_append_only" BEFORE UPDATE OR DELETE ON "Block"
FOR EACH ROW EXECUTE FUNCTION "chainpay_append_only"();
CREATE TRIGGER "Transaction_append_only" BEFORE UPDATE OR DELETE ON "Transaction"
FOR EACH ROW EXECUTE FUNCTION "chainpay_append_only"();
CREATE TRIGGER "Block_no_truncate" BEFORE TRUNCATE ON "Block"
FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_append_only"();
CREATE TRIGGER "Transaction_no_truncate" BEFORE TRUNCATE ON "Transaction"
FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_append_only"();
