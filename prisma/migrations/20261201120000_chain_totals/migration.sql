-- CreateTable
CREATE TABLE "ChainTotals" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "transactions" BIGINT NOT NULL,
    "accounts" BIGINT NOT NULL,
    "supplyMinor" BIGINT NOT NULL
);

-- Added by hand: the one row (id 1), counted once from what is stored. The supply is summed in two parts (SUM
-- of 64-bit integers raises an overflow in SQLite), exactly; a chain whose supply already passed 2^63 - 1
-- before mints were bounded keeps 2^63 - 1, which refuses every further mint.
INSERT INTO "ChainTotals" ("id", "transactions", "accounts", "supplyMinor")
SELECT 1,
  (SELECT COALESCE(SUM("txCount"), 0) FROM "Block"),
  (SELECT COUNT(*) FROM "Account"),
  CASE WHEN "high" > 9223372036 OR ("high" = 9223372036 AND "low" > 854775807) THEN 9223372036854775807
       ELSE "high" * 1000000000 + "low" END
FROM (
  SELECT "high" + "low" / 1000000000 AS "high", "low" % 1000000000 AS "low"
  FROM (
    SELECT COALESCE(SUM("balanceMinor" / 1000000000), 0) AS "high",
           COALESCE(SUM("balanceMinor" % 1000000000), 0) AS "low"
    FROM "Account"
  )
);

-- Added by hand: the totals follow every write in the same transaction, whichever code writes (the seal, a
-- follower's append, the seed): a block adds its transactions, a mint its amount, a new account one. Payments
-- move money and leave the supply as it is. The supply saturates at 2^63 - 1 rather than overflow into a float.
CREATE TRIGGER "ChainTotals_block" AFTER INSERT ON "Block"
BEGIN UPDATE "ChainTotals" SET "transactions" = "transactions" + NEW."txCount" WHERE "id" = 1; END;
CREATE TRIGGER "ChainTotals_mint" AFTER INSERT ON "Transaction" WHEN NEW."type" = 'mint'
BEGIN UPDATE "ChainTotals" SET "supplyMinor" = CASE
    WHEN NEW."amountMinor" > 9223372036854775807 - "supplyMinor" THEN 9223372036854775807
    ELSE "supplyMinor" + NEW."amountMinor" END
  WHERE "id" = 1; END;
CREATE TRIGGER "ChainTotals_account" AFTER INSERT ON "Account"
BEGIN UPDATE "ChainTotals" SET "accounts" = "accounts" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "ChainTotals_no_delete" BEFORE DELETE ON "ChainTotals"
BEGIN SELECT RAISE(ABORT, 'the chain totals row is never deleted'); END;
