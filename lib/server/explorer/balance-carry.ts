// The balance at an older page's top, carried in the "Older →" link so that the page can draw its balance chart
// without summing every newer transaction (a read as long as the account's whole history). The value is a fact of
// the append-only chain (the balance just before one chain position) and never changes, so the link stays good;
// it is authenticated with an HMAC under the admin session secret, shared by every process on this data
// directory, so that an edited link is refused rather than drawn as a false chart.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { LedgerNode } from "../node/context";

const carryLabel = "chainpay explorer balance carry v1";
const carryPattern = /^(0|[1-9][0-9]{0,37})\.([0-9a-f]{32})$/;

function macOf(node: LedgerNode, account: string, before: number, balanceMinor: bigint): Buffer {
  return createHmac("sha256", node.admin.sessionSecret)
    .update(`${carryLabel}\n${account}\n${before}\n${balanceMinor}`)
    .digest()
    .subarray(0, 16);
}

/** "balance.mac": what the link to the page below `before` carries. */
export function signBalanceCarry(node: LedgerNode, account: string, before: number, balanceMinor: bigint): string {
  return `${balanceMinor}.${macOf(node, account, before, balanceMinor).toString("hex")}`;
}

/** The carried balance, or null when the text is missing, malformed or not this node's for this page. */
export function readBalanceCarry(
  node: LedgerNode,
  account: string,
  before: number,
  text: string | undefined,
): bigint | null {
  const match = text === undefined ? null : carryPattern.exec(text);
  if (match === null) return null;
  const balanceMinor = BigInt(match[1]!);
  const expected = macOf(node, account, before, balanceMinor);
  return timingSafeEqual(expected, Buffer.from(match[2]!, "hex")) ? balanceMinor : null;
}
