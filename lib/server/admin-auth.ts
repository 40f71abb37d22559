// Admin calls: `Authorization: Bearer <ADMIN_TOKEN>`, for scripts. Refused outright when no token is set.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { LedgerError } from "../ledger/errors";
import type { LedgerNode } from "./node";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function requireAdmin(node: LedgerNode, request: Request): void {
  const expected = node.config.adminToken;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  if (expected === undefined || match === null || !timingSafeEqual(digest(match[1]!), digest(expected))) {
    throw new LedgerError("unauthorized", "This call needs an admin's token or session.");
  }
}
