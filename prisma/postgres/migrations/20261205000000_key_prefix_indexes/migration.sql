-- Issue 13, compact storage: an account's history is found through the first 8 bytes of its key, not the whole
-- 32. Each index entry holds that prefix and the row's (blockHeight, leafIndex), the chain's order, which the
-- reads page in (lib/db/prisma-reads.ts says why not by "sequence"); a read matches the prefix in the index and
-- the whole key in the row. Keys whose first 8 bytes agree (by chance, one pair in
-- 2^64; made on purpose, 2^64 key generations for one victim) share index entries, and a read skips the other's
-- rows: the cost of a collision is a slower read, never a wrong one. Prisma's schema cannot describe an index on
-- an expression, so it is made here; lib/db/keys/key-prefix.ts writes the matching WHERE clauses.
DROP INDEX "Transaction_fromKey_sequence_idx";
DROP INDEX "Transaction_toKey_sequence_idx";
CREATE INDEX "Transaction_fromKey_prefix_idx" ON "Transaction"(substr("fromKey", 1, 8), "blockHeight", "leafIndex");
CREATE INDEX "Transaction_toKey_prefix_idx" ON "Transaction"(substr("toKey", 1, 8), "blockHeight", "leafIndex");
-- PostgreSQL estimates "prefix = p AND key = k" as the product of the two, as if they were independent, and so
-- takes a frequent account for a rare one (2,379 rows where there were 25,000, measured), and may read and sort
-- all of its rows for a page. That the prefix follows from the key is what these statistics tell it
-- (PostgreSQL 14 and later), once ANALYZE has gathered them, as autovacuum does.
CREATE STATISTICS "Transaction_fromKey_prefix_stats" (dependencies) ON (substr("fromKey", 1, 8)), "fromKey" FROM "Transaction";
CREATE STATISTICS "Transaction_toKey_prefix_stats" (dependencies) ON (substr("toKey", 1, 8)), "toKey" FROM "Transaction";
