// RFC 8785 JSON Canonicalization Scheme: the only serialisation any hash or signature is computed over.
import canonicalize from "canonicalize";

const utf8 = new TextEncoder();

const loneSurrogatePattern = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** RFC 8785 §3.2.2.2: a lone surrogate MUST be refused, or two signers could sign different bytes for it. */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return loneSurrogatePattern.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, item]) => loneSurrogatePattern.test(key) || hasLoneSurrogate(item));
  }
  return false;
}

export function canonicalJson(value: unknown): string {
  if (hasLoneSurrogate(value)) throw new TypeError("a string holds a lone surrogate, which RFC 8785 refuses");
  const text = canonicalize(value);
  // canonicalize returns undefined for values JSON cannot represent; the protocol never hashes such a value.
  if (text === undefined) throw new TypeError("value has no canonical JSON form");
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8.encode(canonicalJson(value));
}
