// Collecting a statement's receipts, against a fake node: the history is read page by page and stops once past
// the range's start (with the clock-skew slack), entries outside the range are skipped, the wallet's own receipts
// are used before the node's, a receipt that does not verify stops everything, and the node's refusals are named.
import { describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { collectStatementReceipts, rangeOfDays, type CollectInput } from "@/lib/wallet/statement/collect-statement";
import { payment } from "../support/keys";
import { alice, bob, receiptFor } from "./statement-fixture";

/** Alice's history of `count` payments from Bob, one an hour back from 2026-11-27T00:00Z, newest first. */
function history(count: number): Receipt[] {
  return Array.from({ length: count }, (_, index) =>
    receiptFor(
      payment(bob, alice, String(index + 1), {
        timestamp: new Date(Date.parse("2026-11-27T00:00:00.000Z") - index * 3_600_000).toISOString(),
      }),
      count - index,
    ),
  );
}

function fakeNode(receipts: readonly Receipt[]) {
  const requests: string[] = [];
  const fetchJson = (path: string) => {
    requests.push(path);
    const url = new URL(path, "http://node");
    if (url.pathname.startsWith("/api/transactions/")) {
      const receipt = receipts.find((item) => url.pathname.endsWith(item.txId));
      return Promise.resolve(receipt === undefined ? { error: { code: "not_found" } } : { receipt });
    }
    const start = Number(url.searchParams.get("before") ?? 0);
    const limit = Number(url.searchParams.get("limit"));
    const page = receipts.slice(start, start + limit);
    return Promise.resolve({
      transactions: page.map((receipt) => ({
        txId: receipt.txId,
        tx: receipt.tx,
        blockHeight: receipt.block.header.height,
        leafIndex: 0,
      })),
      nextBefore: start + limit < receipts.length ? String(start + limit) : null,
    });
  };
  return { requests, fetchJson };
}

const collect = (receipts: readonly Receipt[], overrides: Partial<CollectInput> = {}) => {
  const node = fakeNode(receipts);
  const result = collectStatementReceipts({
    account: alice.publicKeyHex,
    range: { from: "2026-11-26T00:00:00.000Z", to: "2026-11-26T12:00:00.000Z" },
    storedReceipt: () => null,
    isReceiptVerified: () => Promise.resolve(true),
    onProgress: () => {},
    fetchJson: node.fetchJson,
    ...overrides,
  });
  return { result, requests: node.requests };
};

describe("collectStatementReceipts", () => {
  it("reads pages until past the range's start, and keeps the range's receipts, newest first", async () => {
    const receipts = history(500);
    const { result, requests } = collect(receipts);
    // 12:00 back to 00:00 on the 26th: the entries 13 to 24 hours back from the 27th (index 12 to 24, 00:00 included).
    expect(await result).toEqual({ kind: "ok", receipts: receipts.slice(13, 25), isTruncated: false });
    const pageRequests = requests.filter((path) => path.startsWith("/api/accounts/"));
    expect(pageRequests).toEqual([`/api/accounts/${alice.publicKeyHex}?limit=100`]);
  });

  it("uses the wallet's own receipt before asking the node", async () => {
    const receipts = history(30);
    const kept = receipts[14]!;
    const { result, requests } = collect(receipts, { storedReceipt: (txId) => (txId === kept.txId ? kept : null) });
    expect((await result).kind).toBe("ok");
    expect(requests).not.toContain(`/api/transactions/${kept.txId}`);
    expect(requests).toContain(`/api/transactions/${receipts[13]!.txId}`);
  });

  it("stops at the first receipt that does not verify, naming it", async () => {
    const receipts = history(30);
    const bad = receipts[20]!;
    const { result } = collect(receipts, {
      isReceiptVerified: (receipt) => Promise.resolve(receipt.txId !== bad.txId),
    });
    expect(await result).toEqual({ kind: "failed", reason: "unverified", txId: bad.txId });
  });

  it("names an answer that is not the protocol's a refusal", async () => {
    const { result } = collect(history(3), { fetchJson: () => Promise.resolve({ balance: "0" }) });
    expect(await result).toEqual({ kind: "failed", reason: "refused" });
  });

  it("reports its progress: each page, then each receipt", async () => {
    const progress: unknown[] = [];
    const { result } = collect(history(15), { onProgress: (step) => progress.push(step) });
    await result;
    expect(progress[0]).toEqual({ phase: "history", pagesRead: 1 });
    expect(progress[1]).toEqual({ phase: "receipts", done: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ phase: "receipts", done: 2, total: 2 });
  });
});

describe("rangeOfDays", () => {
  it("covers whole local days, the last one included", () => {
    const range = rangeOfDays("2026-11-01", "2026-11-30")!;
    expect(new Date(range.from).getDate()).toBe(1);
    expect(Date.parse(range.to) - Date.parse(range.from)).toBeGreaterThanOrEqual(30 * 86_400_000 - 3_600_000);
  });

  it.each([
    ["2026-11-30", "2026-11-01"],
    ["2026-02-30", "2026-03-01"],
    ["", "2026-11-01"],
    ["2026-1-1", "2026-11-01"],
  ])("refuses %j to %j", (from, to) => {
    expect(rangeOfDays(from, to)).toBeNull();
  });
});
