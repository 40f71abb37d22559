// An account's rows are found through the first bytes of its key: the two indexes on "Transaction" hold
// substr("fromKey", 1, 8) and substr("toKey", 1, 8) with the row's chain position (the sequence, which is the
// rowid, on SQLite; blockHeight and leafIndex on PostgreSQL: migration 20261205000000_key_prefix_indexes), a third
// the size of an index on the whole key. A read matches the prefix, which the index answers, and the whole key,
// which the row holds: keys that share a prefix share index entries and never each other's rows. Both databases
// match an index on an expression only to the same expression, written the same way: the store's statements take
// their clause from here, and the explorer's tagged Prisma statements (prisma-reads.ts) write the same text.

/** How many leading bytes of a key the account indexes hold. */
export const keyPrefixLength = 8;

/** The indexed prefix of `key` (its bytes), to bind beside the key. */
export function keyPrefixOf(key: Uint8Array): Buffer {
  return Buffer.from(key.subarray(0, keyPrefixLength));
}

/**
 * The condition that `column` ("fromKey" or "toKey", qualified if need be) holds the key `key`, whose first
 * bytes `prefix` is: both are SQL (placeholders or expressions), the prefix usually bound as `keyPrefixOf(key)`.
 */
export function keyMatchSql(column: string, key: string, prefix: string): string {
  return `(substr(${column}, 1, ${keyPrefixLength}) = ${prefix} AND ${column} = ${key})`;
}
