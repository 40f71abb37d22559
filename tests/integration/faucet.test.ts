// The faucet: mints signed by the node, rate-limited per account, and off when FAUCET_AMOUNT is 0.
import { describe, expect, it } from "vitest";
import * as faucetRoute from "@/app/api/faucet/route";
import * as nodeRoute from "@/app/api/node/route";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { call, startTestNode } from "../support/node";
import { makeWallet } from "../support/wallet";

describe("a node with the faucet on", () => {
  it("mints FAUCET_AMOUNT to the account, signed by the node, then rate-limits that account", async () => {
    const node = await startTestNode("faucet-on", { FAUCET_AMOUNT: "2500", FAUCET_INTERVAL_SECONDS: "60" });
    const account = makeWallet().publicKey;
    const first = await call(faucetRoute.POST, { body: { account } });
    expect(first.status).toBe(201);
    const { receipt } = first.body as { receipt: Receipt };
    expect(receipt.tx).toMatchObject({ type: "mint", from: node.nodePublicKey, to: account, amount: "2500" });
    expect((await verifyReceipt(receipt, node.nodePublicKey, verifyWithWebCrypto)).ok).toBe(true);
    const second = await call(faucetRoute.POST, { body: { account } });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect((second.body as { error: { code: string; field: string } }).error).toMatchObject({
      code: "rate_limited",
      field: "account",
    });
    const other = await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } });
    expect(other.status).toBe(201);
  });
});

describe("a node with FAUCET_AMOUNT=0", () => {
  it("says the faucet is off and refuses it with faucet_disabled, changing nothing", async () => {
    const node = await startTestNode("faucet-off", { FAUCET_AMOUNT: "0" });
    expect(((await call(nodeRoute.GET)).body as { faucet: unknown }).faucet).toEqual({ enabled: false, amount: "0" });
    const response = await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: "faucet_disabled", message: "The faucet is switched off on this node." },
    });
    expect((await node.store.head())!.header.height).toBe(0);
  });
});
