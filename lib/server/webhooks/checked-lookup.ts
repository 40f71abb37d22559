// Name resolution for webhooks with the address check in it. The delivery connects through `checkedLookup`
// (node:http's `lookup` option): the addresses it hands to the socket are the very ones it checked, so a name whose
// records change between the admin's check and a delivery (DNS rebinding) can never reach an inside address.
import "server-only";
import { lookup, type LookupAddress, type LookupOptions } from "node:dns";
import { addressKindOf, refusalOf } from "./public-address";

/** How long one name may take to resolve: the system resolver runs on libuv's small thread pool. */
export const lookupTimeoutMs = 5_000;

export type ResolvedHost = { ok: true; addresses: LookupAddress[] } | { ok: false; message: string };

/** Every address `host` resolves to, all of them allowed; one refused address refuses the host. */
export function resolveChecked(host: string, allowPrivate: boolean): Promise<ResolvedHost> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, message: `The host ${host} did not resolve within ${lookupTimeoutMs} ms.` }),
      lookupTimeoutMs,
    );
    lookup(host, { all: true, verbatim: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error !== null || addresses.length === 0) {
        resolve({ ok: false, message: `The host ${host} does not resolve (${error?.code ?? "no address"}).` });
        return;
      }
      for (const { address } of addresses) {
        const kind = addressKindOf(address);
        if (kind === "public" || (kind === "private" && allowPrivate)) continue;
        resolve({ ok: false, message: refusalOf(address, kind === "private") });
        return;
      }
      resolve({ ok: true, addresses });
    });
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** node:net's `lookup` option: resolves, checks every address, and gives the socket only checked ones. */
export function checkedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    void resolveChecked(hostname, allowPrivate).then((resolved) => {
      if (!resolved.ok) {
        const error: NodeJS.ErrnoException = new Error(resolved.message);
        error.code = "EWEBHOOKADDRESS";
        callback(error, "");
        return;
      }
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const addresses = resolved.addresses.filter((item) => wanted === 0 || item.family === wanted);
      if (addresses.length === 0) {
        const error: NodeJS.ErrnoException = new Error(`The host ${hostname} has no IPv${wanted} address.`);
        error.code = "ENOTFOUND";
        callback(error, "");
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
