// A hex prefix as a range of stored bytes: the keys an index holds as bytes whose hex starts with the prefix are
// those from `from` (inclusive) to `below` (exclusive), so a prefix search is one range read of the index.

export type ByteRange = { from: Buffer; below: Buffer | null };

/**
 * The byte range of the keys whose lowercase hex starts with `prefix` (lowercase hex, any length): `below` is
 * null when no key past the range exists (a prefix of only f's). An odd prefix names half a byte: "abc" is
 * [ab c0, ab d0).
 */
export function byteRangeOfHexPrefix(prefix: string): ByteRange {
  if (!/^[0-9a-f]*$/.test(prefix)) throw new TypeError("not a lowercase hex prefix");
  const isOdd = prefix.length % 2 === 1;
  const from = Buffer.from(isOdd ? `${prefix}0` : prefix, "hex");
  const last = Buffer.from(isOdd ? `${prefix}f` : prefix, "hex");
  // The first byte string past every key that starts with `last`: its last byte below 0xff plus one, cut there.
  for (let index = last.length - 1; index >= 0; index--) {
    if (last[index]! < 0xff) {
      const below = Buffer.from(last.subarray(0, index + 1));
      below[index]! += 1;
      return { from, below };
    }
  }
  return { from, below: null };
}
