-- Issue 13, compact storage: hashes, keys and signatures as their bytes (bytea), not as hex text, which halves
-- them and every index on them; and no index on (blockHeight, leafIndex), which no read needs (a block's
-- transactions are a range of the sequence key). Converts a stored chain in place, in the migration's one
-- transaction: each ALTER rewrites its table and rebuilds its indexes, and fires no row trigger (the
-- append-only ones stay as they are). A chain stored before it reads back the same, and its audit passes.
DROP INDEX "Transaction_blockHeight_leafIndex_key";

ALTER TABLE "Block"
  ALTER COLUMN "hash" TYPE BYTEA USING decode("hash", 'hex'),
  ALTER COLUMN "prevHash" TYPE BYTEA USING decode("prevHash", 'hex'),
  ALTER COLUMN "merkleRoot" TYPE BYTEA USING decode("merkleRoot", 'hex'),
  ALTER COLUMN "signature" TYPE BYTEA USING decode("signature", 'hex');

ALTER TABLE "Transaction"
  ALTER COLUMN "txId" TYPE BYTEA USING decode("txId", 'hex'),
  ALTER COLUMN "fromKey" TYPE BYTEA USING decode("fromKey", 'hex'),
  ALTER COLUMN "toKey" TYPE BYTEA USING decode("toKey", 'hex'),
  ALTER COLUMN "signature" TYPE BYTEA USING decode("signature", 'hex');

ALTER TABLE "Account" ALTER COLUMN "publicKey" TYPE BYTEA USING decode("publicKey", 'hex');
