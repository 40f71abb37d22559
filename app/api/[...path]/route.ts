// GET, POST, PUT, PATCH, DELETE /api/* – any other API path: the protocol's not_found JSON rather than the
// framework's HTML page. It needs no node, so it answers even when the database is down.
import { LedgerError } from "@/lib/ledger/errors";
import { bareRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const notFound = bareRoute(() => Promise.reject(new LedgerError("not_found", "No such API route.")));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
