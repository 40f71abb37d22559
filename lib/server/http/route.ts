// The one way in and out of every route handler: the handler gets the request, its decoded path parameters and
// the node (checked for an admin first when the route is admin only), and whatever it throws becomes the
// protocol's error JSON: a LedgerError as itself, anything unexpected as a logged 500 that exposes nothing.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { requireAdmin } from "../admin/require-admin";
import { getNode, type LedgerNode } from "../node/context";
import { errorResponse, internalErrorResponse } from "./responses";

/** What Next.js hands a route handler as its second argument. */
type RouteContext = { params: Promise<Record<string, string>> };

type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

export type BareRouteInput = { request: Request; params: Record<string, string> };

export type RouteInput = BareRouteInput & { node: LedgerNode };

export type RouteOptions = {
  /** Refuse the call with `unauthorized` unless it carries the admin's token or a signed-in admin's session. */
  admin?: boolean;
};

/** A route that needs the node: the wrapper opens it, and checks for an admin when asked, before the handler. */
export function route(handler: (input: RouteInput) => Promise<Response>, options: RouteOptions = {}): RouteHandler {
  return bareRoute(async ({ request, params }) => {
    const node = await getNode();
    if (options.admin === true) await requireAdmin(node, request);
    return handler({ request, params, node });
  });
}

/**
 * A route that must answer without the node: the liveness probe (which must not depend on the database), the
 * API's catch-all 404.
 */
export function bareRoute(handler: (input: BareRouteInput) => Promise<Response>): RouteHandler {
  return async (request, context) => {
    try {
      return await handler({ request, params: await context.params });
    } catch (error) {
      if (error instanceof LedgerError) return errorResponse(error);
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return internalErrorResponse();
    }
  };
}

/** The methods a route file may serve; HEAD and OPTIONS Next.js answers itself. */
const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof routeMethods)[number];

/**
 * Handlers for the methods a route does not serve, for the route file to export beside its own: Next.js would
 * answer them a bare 405 with no body. PROTOCOL.md has no code for a wrong method, so they answer its
 * `not_found` (no such route for this method), with an Allow header naming the methods that are served.
 */
export function otherMethods(...served: RouteMethod[]): Record<RouteMethod, RouteHandler> {
  const allow = served.join(", ");
  const refuse = bareRoute(({ request }) => {
    const message = `${request.method} is not served here; this path answers ${allow}.`;
    const response = errorResponse(new LedgerError("not_found", message));
    response.headers.set("allow", allow);
    return Promise.resolve(response);
  });
  return Object.fromEntries(routeMethods.map((method) => [method, refuse])) as Record<RouteMethod, RouteHandler>;
}
