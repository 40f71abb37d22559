// The export route's refusals, each answered with the protocol's error JSON and the field at fault: no admin,
// and every malformed or out-of-range query (table-driven, asserting the whole body).
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/admin/export/route";
import * as faucetRoute from "@/app/api/faucet/route";
import type { LedgerNode } from "@/lib/server/node/context";
import { adminToken, call, startTestNode } from "../../../support/node";
import { makeWallet } from "../../../support/wallet";

let node: LedgerNode;
const alice = makeWallet();
const admin = { authorization: `Bearer ${adminToken}` };

async function headHeight(): Promise<number> {
  return (await node.store.head())!.header.height;
}

beforeAll(async () => {
  node = await startTestNode("export-refusals");
  expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
});

describe("refusals", () => {
  it("answers 401 without an admin's token, or with a wrong one", async () => {
    const query = `/api/admin/export?kind=account&account=${alice.publicKey}&format=csv`;
    const unauthorized = { error: { code: "unauthorized", message: "This call needs an admin's token or session." } };
    expect(await call(exportRoute.GET, { path: query })).toMatchObject({ status: 401, body: unauthorized });
    expect(
      await call(exportRoute.GET, { path: query, headers: { authorization: "Bearer not-the-admin-token" } }),
    ).toMatchObject({ status: 401, body: unauthorized });
  });

  const invalid = (field: string, message: string) => ({
    error: { code: "invalid_request", message: `${field}: ${message}`, field },
  });
  const cases: { name: string; query: (head: number) => string; body: (head: number) => unknown }[] = [
    {
      name: "a range past the head",
      query: (head) => `kind=blocks&from=0&to=${head + 1}&format=json`,
      body: (head) => invalid("to", `must be at most the head's height, ${head}`),
    },
    {
      name: "a range of 1,001 blocks",
      query: () => "kind=blocks&from=0&to=1000&format=csv",
      body: () => invalid("to", "must be less than from + 1000: an export holds at most 1000 blocks"),
    },
    {
      name: "a range that runs backwards",
      query: () => "kind=blocks&from=3&to=2&format=csv",
      body: () => invalid("from", "must not be above to"),
    },
    {
      name: "a negative height",
      query: () => "kind=blocks&from=-1&to=2&format=csv",
      body: () => invalid("from", "must be a non-negative whole number"),
    },
    {
      name: "a missing height",
      query: () => "kind=blocks&from=1&format=csv",
      body: () => invalid("to", "Invalid input: expected string, received undefined"),
    },
    {
      name: "a malformed account",
      query: () => "kind=account&account=ALICE&format=csv",
      body: () => invalid("account", "must be 64 lowercase hexadecimal characters"),
    },
    {
      name: "an unknown format",
      query: () => `kind=account&account=${alice.publicKey}&format=xlsx`,
      body: () => invalid("format", "must be csv or json"),
    },
    {
      name: "an unknown kind",
      query: () => "kind=ledger&format=csv",
      body: () => invalid("kind", "must be account or blocks"),
    },
    {
      name: "a repeated parameter",
      query: () => `kind=account&account=${alice.publicKey}&format=csv&format=json`,
      body: () => ({ error: { code: "invalid_request", message: "format is given more than once", field: "format" } }),
    },
  ];
  it.each(cases)("answers 400 invalid_request with the field for $name", async ({ query, body }) => {
    const head = await headHeight();
    const response = await call(exportRoute.GET, { path: `/api/admin/export?${query(head)}`, headers: admin });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(body(head));
  });
});
