// GET /api/log/policy – the node's tlog-policy: its own log line first, then its witnesses, groups and quorum.
import { otherMethods, route } from "@/lib/server/http/route";
import { plainText } from "@/lib/server/log/text-response";

export const dynamic = "force-dynamic";

export const GET = route(({ node }) => Promise.resolve(plainText(node.log.policyText)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
