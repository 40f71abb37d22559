// The node's refusals of an endpoint (lib/server/webhooks: endpoint-address.ts, checked-lookup.ts,
// public-address.ts, admin/register-endpoint.ts, admin/manage-endpoints.ts, admin/endpoint-records.ts), read back
// into keys of explorerWebhooks.register.refusals.
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { readBack, type SentenceTable, type Wording } from "@/lib/i18n/read-back";

const registerRefusals: SentenceTable = [
  [/^The URL must be at most (?<max>\d+) characters\.$/, "urlTooLong"],
  [/^The URL is not a valid absolute URL\.$/, "urlNotAbsolute"],
  [/^The URL must start with http:\/\/ or https:\/\/\.$/, "urlScheme"],
  [/^The URL must not hold a user name or password\.$/, "urlCredentials"],
  [/^The URL has no host\.$/, "urlNoHost"],
  [
    /^The host is or resolves to (?<address>\S+), a private, loopback or link-local address; those are refused \(WEBHOOKS_ALLOW_PRIVATE allows them\)\.$/,
    "privateAddress",
  ],
  [
    /^The host is or resolves to (?<address>\S+), which can never receive a webhook \(unspecified, multicast or reserved\)\.$/,
    "neverAddress",
  ],
  [/^The host (?<host>\S+) did not resolve within (?<ms>\d+) ms\.$/, "hostTimeout"],
  [/^The host (?<host>\S+) does not resolve \((?<reason>[^)]+)\)\.$/, "hostUnresolved"],
  [/^has (?<count>\d+) enabled endpoints already, the most one account may have; disable one first$/, "accountFull"],
  [/^The node has (?<count>\d+) enabled endpoints already, the most it serves; disable one first\.$/, "nodeFull"],
  [/^This endpoint is disabled: it gets no deliveries\.$/, "endpointDisabled"],
  [/^Endpoint (?<id>ep_[0-9a-f]+) has no delivery of transaction (?<txId>[0-9a-f]+)\.$/, "noDelivery"],
  [/^No webhook endpoint has the id (?<id>\S+)\.$/, "noEndpoint"],
];

/** A refusal of an endpoint route (a field prefix removed) as a key with values, or null when not known. */
export function endpointRefusalWording(message: string): Wording | null {
  return readBack(registerRefusals, message);
}

/** Says a refusal of an endpoint route in the page's language, or as the node wrote it when not known. */
export function useRefusalText(): (message: string) => string {
  const t = useTranslations("explorerWebhooks.register.refusals");
  return useCallback(
    (message: string) => {
      const wording = endpointRefusalWording(message);
      return wording === null ? message : t(wording.key as "urlScheme", wording.values);
    },
    [t],
  );
}
