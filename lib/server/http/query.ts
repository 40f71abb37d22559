// The query string as a plain object, for zod.
import "server-only";
import { LedgerError } from "../../ledger/errors";

/**
 * A repeated parameter is refused rather than guessed at. A malformed percent-escape never reaches here as such:
 * Next.js decodes the query leniently (as URLSearchParams does) and the route's schema then refuses the value.
 */
export function queryOf(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const key of params.keys()) {
    const values = params.getAll(key);
    if (values.length > 1) throw new LedgerError("invalid_request", `${key} is given more than once`, key);
    query[key] = values[0]!;
  }
  return query;
}
