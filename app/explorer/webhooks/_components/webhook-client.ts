// The explorer's calls to the admin webhook routes, typed, with errors as values (as lib/wallet/node-client.ts
// does). The session cookie goes along on its own: same origin, SameSite=Strict.
import type { ErrorBody } from "@/lib/ledger/errors";
import type { CreatedEndpointAnswer, DeliveryAnswer, EndpointView } from "@/lib/validations/webhooks";

export type WebhookResult<T> =
  | { kind: "ok"; status: number; body: T }
  | { kind: "refused"; status: number; error: ErrorBody["error"] }
  /** The node could not be reached, or failed on its side: the page says so in its own words. */
  | { kind: "unreachable" };

async function call<T>(path: string, init: RequestInit): Promise<WebhookResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store" });
  } catch {
    return { kind: "unreachable" };
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok && body !== null) return { kind: "ok", status: response.status, body: body as T };
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (response.status >= 500 || error === undefined) return { kind: "unreachable" };
  return { kind: "refused", status: response.status, error };
}

const jsonHeaders = { "content-type": "application/json" };

export const webhookClient = {
  register: (account: string, url: string) =>
    call<CreatedEndpointAnswer>("/api/admin/webhooks", {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ account, url }),
    }),
  disable: (id: string) =>
    call<{ endpoint: EndpointView }>(`/api/admin/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
  redeliver: (id: string, txId: string) =>
    call<DeliveryAnswer>(
      `/api/admin/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(txId)}/redeliver`,
      { method: "POST" },
    ),
};
