// RFC 8785 JSON Canonicalization Scheme: the only serialisation any hash or signature is computed over.
import canonicalize from "canonicalize";

const utf8 = new TextEncoder();

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  // canonicalize returns undefined for values JSON cannot represent; the protocol never hashes such a value.
  if (text === undefined) throw new TypeError("value has no canonical JSON form");
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8.encode(canonicalJson(value));
}
