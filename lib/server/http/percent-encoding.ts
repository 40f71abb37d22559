// Whether a part of a URL decodes: a `%` must be followed by two hexadecimal digits, and the bytes they spell
// must be UTF-8. Next.js decodes path parameters before any handler runs and answers a bare 500 when they do
// not decode, so proxy.ts asks this first. (The query string needs no such check: Next.js decodes it leniently.)
import "server-only";

/** How much of a malformed part an error message quotes: enough to find it, not a copy of a long URL. */
const quotedPartLengthMax = 64;

function isPercentDecodable(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** The first segment of a raw (undecoded) URL path that does not decode, or undefined when all of them do. */
export function firstMalformedPathSegment(rawPathname: string): string | undefined {
  if (!rawPathname.includes("%")) return undefined;
  return rawPathname.split("/").find((segment) => !isPercentDecodable(segment));
}

/** A part of the URL as an error message quotes it: in JSON quotes, and cut short when it is long. */
export function quotePart(part: string): string {
  return JSON.stringify(part.length > quotedPartLengthMax ? `${part.slice(0, quotedPartLengthMax)}…` : part);
}
