-- Issue 13, compact storage: an account's history is found through the first 8 bytes of its key, not the whole
-- 32. Each index entry holds that prefix and the row's sequence (the rowid, which SQLite appends to every index
-- entry and searches by range), about 17 bytes rather than 50, for each of the two indexes; a read matches the
-- prefix in the index and the whole key in the row. Keys whose first 8 bytes agree (by chance, one pair in 2^64;
-- made on purpose, 2^64 key generations for one victim) share index entries, and a read skips the other's rows:
-- the cost of a collision is a slower read, never a wrong one. Prisma's schema cannot describe an index on an
-- expression, so it is made here; lib/db/keys/key-prefix.ts writes the matching WHERE clauses.
DROP INDEX "Transaction_fromKey_sequence_idx";
DROP INDEX "Transaction_toKey_sequence_idx";
CREATE INDEX "Transaction_fromKey_prefix_idx" ON "Transaction"(substr("fromKey", 1, 8));
CREATE INDEX "Transaction_toKey_prefix_idx" ON "Transaction"(substr("toKey", 1, 8));
