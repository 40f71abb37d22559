// Where a webhook may be delivered (issue 12). An endpoint must be http(s); a host that is, or resolves to, a
// private, loopback, link-local (or otherwise non-public) address is refused unless the node's setting allows them
// (tests set it). Checked when an admin registers the endpoint, and again at every delivery, against the address
// actually connected to (checked-lookup.ts), so that a name that later resolves inside (DNS rebinding) gets nothing.
import "server-only";
import { isIP } from "node:net";
import { addressKindOf, refusalOf } from "./public-address";
import { resolveChecked } from "./checked-lookup";

export type EndpointCheck = { ok: true; url: URL } | { ok: false; message: string };

/** A URL longer than this is not a merchant's endpoint; it is also what the explorer shows in one line. */
export const endpointUrlLengthMax = 2048;

/**
 * The checks of the URL's form alone, with no lookup: the scheme, no credentials, a host, the length. The
 * delivery loop runs them again on every attempt (an endpoint stored before a rule changed stays safe).
 */
export function checkEndpointForm(url: string): EndpointCheck {
  if (url.length > endpointUrlLengthMax)
    return { ok: false, message: `The URL must be at most ${endpointUrlLengthMax} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: "The URL is not a valid absolute URL." };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return { ok: false, message: "The URL must start with http:// or https://." };
  // A password in the URL would be sent to the host on every delivery and shown in the explorer.
  if (parsed.username !== "" || parsed.password !== "")
    return { ok: false, message: "The URL must not hold a user name or password." };
  if (parsed.hostname === "") return { ok: false, message: "The URL has no host." };
  return { ok: true, url: parsed };
}

/** The host of a parsed URL as an address or a name to look up: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Whether `url` may be registered as an endpoint: the scheme, the form, and every address its host resolves to. */
export async function checkEndpointUrl(url: string, options: { allowPrivate: boolean }): Promise<EndpointCheck> {
  const form = checkEndpointForm(url);
  if (!form.ok) return form;
  const host = hostOf(form.url);
  // The URL parser has already turned 127.1, 0x7f000001 and 2130706433 into 127.0.0.1: a literal is checked as is.
  if (isIP(host) !== 0) {
    const kind = addressKindOf(host);
    if (kind === "public" || (kind === "private" && options.allowPrivate)) return form;
    return { ok: false, message: refusalOf(host, kind === "private") };
  }
  // RFC 6761: localhost and every name under it are loopback, whatever a resolver says (some do not know them).
  if (!options.allowPrivate && /(^|\.)localhost\.?$/i.test(host)) return { ok: false, message: refusalOf(host, true) };
  const resolved = await resolveChecked(host, options.allowPrivate);
  if (!resolved.ok) return { ok: false, message: resolved.message };
  return form;
}
