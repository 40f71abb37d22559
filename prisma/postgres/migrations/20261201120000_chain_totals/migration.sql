-- CreateTable
CREATE TABLE "ChainTotals" (
    "id" INTEGER NOT NULL,
    "transactions" BIGINT NOT NULL,
    "accounts" BIGINT NOT NULL,
    "supplyMinor" BIGINT NOT NULL,

    CONSTRAINT "ChainTotals_pkey" PRIMARY KEY ("id")
);

-- Added by hand: the one row (id 1), counted once from what is stored (sum() of bigint is numeric: exact); a
-- chain whose supply already passed 2^63 - 1 before mints were bounded keeps 2^63 - 1, which refuses every
-- further mint.
INSERT INTO "ChainTotals" ("id", "transactions", "accounts", "supplyMinor")
SELECT 1,
  (SELECT coalesce(sum("txCount"), 0) FROM "Block"),
  (SELECT count(*) FROM "Account"),
  (SELECT least(coalesce(sum("balanceMinor"), 0), 9223372036854775807)::bigint FROM "Account");

-- Added by hand: the totals follow every write in the same transaction, whichever code writes (the seal, a
-- follower's append): a block adds its transactions, a mint its amount, a new account one. Statement-level
-- triggers over the inserted rows, so that a block of 1,000 transactions updates the row once, not 1,000 times.
-- An upsert that only updates an account inserts no row here. The supply saturates at 2^63 - 1.
CREATE FUNCTION "chainpay_totals_blocks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ChainTotals" SET "transactions" = "transactions" + (SELECT coalesce(sum("txCount"), 0) FROM "inserted")
  WHERE "id" = 1;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "chainpay_totals_mints"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE "minted" numeric := (SELECT coalesce(sum("amountMinor"), 0) FROM "inserted" WHERE "type" = 'mint');
BEGIN
  IF "minted" > 0 THEN
    UPDATE "ChainTotals" SET "supplyMinor" = least("supplyMinor" + "minted", 9223372036854775807)::bigint
    WHERE "id" = 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "chainpay_totals_accounts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE "added" bigint := (SELECT count(*) FROM "inserted");
BEGIN
  IF "added" > 0 THEN
    UPDATE "ChainTotals" SET "accounts" = "accounts" + "added" WHERE "id" = 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ChainTotals_blocks" AFTER INSERT ON "Block"
REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_totals_blocks"();
CREATE TRIGGER "ChainTotals_mints" AFTER INSERT ON "Transaction"
REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_totals_mints"();
CREATE TRIGGER "ChainTotals_accounts" AFTER INSERT ON "Account"
REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_totals_accounts"();
CREATE TRIGGER "ChainTotals_no_delete" BEFORE DELETE OR TRUNCATE ON "ChainTotals"
FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_append_only"();
