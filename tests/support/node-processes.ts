// Checks shared by the tests of whole server processes (processes.test.ts, workers.test.ts): funding payers
// through the faucet, the node's full audit, that every acknowledged payment is stored, and that the chain several
// processes sealed is one chain.
import { expect } from "vitest";
import type { Receipt, SignedBlock } from "@/lib/ledger/types";
import { adminToken } from "./node";
import { getJson, postJson } from "./server";
import type { TestWallet } from "./wallet";

export async function fund(url: string, wallets: readonly TestWallet[]): Promise<void> {
  for (const wallet of wallets)
    expect((await postJson(`${url}/api/faucet`, { account: wallet.publicKey })).status).toBe(201);
}

/** The node's full audit (an admin call with the test token). */
export async function audit(url: string): Promise<{ ok: boolean; height: number; firstBad: unknown }> {
  const response = await getJson(`${url}/api/admin/audit`, { authorization: `Bearer ${adminToken}` });
  expect(response.status).toBe(200);
  return response.body as { ok: boolean; height: number; firstBad: unknown };
}

/**
 * The chain at `url` is one chain: every height once, each block linked to the one before, `transactionCount`
 * transactions in all. Returns the heights.
 */
export async function expectOneChain(url: string, transactionCount: number): Promise<number[]> {
  const headers = (await getJson(`${url}/api/headers?from=0&limit=1000`)).body as { blocks: SignedBlock[] };
  const heights = headers.blocks.map((block) => block.header.height);
  expect(heights).toEqual(heights.map((_, index) => index));
  for (const [index, block] of headers.blocks.entries()) {
    if (index > 0) expect(block.header.prevHash).toBe(headers.blocks[index - 1]!.hash);
  }
  expect(headers.blocks.reduce((total, block) => total + block.header.txCount, 0)).toBe(transactionCount);
  return heights;
}

/** Each payer's balance is 0: it spent what it had, and no more. */
export async function expectDrained(url: string, payers: readonly TestWallet[]): Promise<void> {
  for (const payer of payers) {
    const balance = await getJson(`${url}/api/accounts/${payer.publicKey}`);
    expect((balance.body as { balance: string }).balance).toBe("0");
  }
}

/**
 * Each receipt's payment is stored at `url`, with that same receipt. Asked eight at a time: one after another, the
 * few hundred a crash test acknowledges took 8 s of its minute on a loaded machine.
 */
export async function expectAllStored(url: string, receipts: Iterable<Receipt>): Promise<void> {
  const pending = [...receipts];
  const missing: string[] = [];
  const checkers = Array.from({ length: 8 }, async () => {
    for (let receipt = pending.pop(); receipt !== undefined; receipt = pending.pop()) {
      const stored = await getJson(`${url}/api/transactions/${receipt.txId}`);
      if (stored.status !== 200) missing.push(receipt.txId);
      else expect((stored.body as { receipt: Receipt }).receipt).toEqual(receipt);
    }
  });
  await Promise.all(checkers);
  expect(missing).toEqual([]);
}
