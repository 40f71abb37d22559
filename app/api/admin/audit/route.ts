// GET /api/admin/audit – admin only: re-verify the whole stored chain and name the first bad block.
import { auditChain } from "@/lib/server/admin/audit-chain";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ node }) => json(await auditChain(node)), { admin: true });

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
