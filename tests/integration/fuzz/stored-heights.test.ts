// Heights past the 32-bit column blocks are stored in (lib/ledger/limits.ts storedHeightMax) but within the 15
// digits a height may have: PostgreSQL refuses such a value outright, which made these reads answer 500 (the HTTP
// fuzz run found it). No block can be there, so each answers as for any height past the head, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getBlocks } from "@/app/api/blocks/route";
import { GET as getBlock } from "@/app/api/blocks/[heightOrHash]/route";
import { GET as getHeaders } from "@/app/api/headers/route";
import { storedHeightMax } from "@/lib/ledger/limits";
import { searchLedger } from "@/lib/server/explorer/search-ledger";
import type { LedgerNode } from "@/lib/server/node/context";
import { call, startTestNode } from "../../support/node";

let node: LedgerNode;

beforeAll(async () => {
  node = await startTestNode("stored_heights");
});

const pastStored = [String(storedHeightMax + 1), "4294967296", "999999999999999"];

describe("a height past the stored ones", () => {
  it.each(pastStored)("%s: GET /api/blocks/{height} is not_found", async (height) => {
    expect(await call(getBlock, { path: `/api/blocks/${height}`, params: { heightOrHash: height } })).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: "No block at this height or with this hash." } },
    });
  });

  it.each(pastStored)("%s: GET /api/headers?from= is an empty list", async (height) => {
    expect(await call(getHeaders, { path: `/api/headers?from=${height}` })).toMatchObject({
      status: 200,
      body: { blocks: [] },
    });
  });

  it.each(pastStored)("%s: the explorer's search finds nothing, and the store's reads nothing", async (height) => {
    expect(await searchLedger(node, height)).toEqual({ kind: "none" });
    expect(await node.store.blockAt(Number(height))).toBeNull();
    expect(await node.store.blocksFrom(Number(height), 10)).toEqual([]);
    expect(await node.store.queries.blockPageRows({ height: Number(height) }, 0, 10)).toBeNull();
  });

  it("GET /api/blocks?before= past them answers as it did", async () => {
    const { status } = await call(getBlocks, { path: `/api/blocks?before=${storedHeightMax + 1}` });
    expect(status).toBeLessThan(500);
    expect((await call(getBlocks, { path: `/api/blocks?before=${storedHeightMax}` })).status).toBeLessThan(500);
  });

  it("the last stored height itself is an ordinary lookup", async () => {
    const height = String(storedHeightMax);
    expect((await call(getBlock, { path: `/api/blocks/${height}`, params: { heightOrHash: height } })).status).toBe(
      404,
    );
    expect((await call(getHeaders, { path: `/api/headers?from=${height}` })).body).toEqual({ blocks: [] });
  });
});
