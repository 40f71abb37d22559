// The chain audit over hand-built chains: a valid chain passes with the right totals, and valid data made
// invalid one change at a time is named at the right height with the reason.
import { describe, expect, it } from "vitest";
import { ChainAuditor, type AuditBlock, type BatchVerifier, type SignatureCheck } from "@/lib/ledger/audit";
import { computeMerkleRoot, makeBlockHeader } from "@/lib/ledger/block";
import { computeTxId } from "@/lib/ledger/hash";
import { genesisPrevHash } from "@/lib/ledger/limits";
import type { SignedTransaction } from "@/lib/ledger/types";
import { buildChain, signBlock, type BlockSpec } from "../support/chain";
import { flipHexBit, isoAt, mint, namedKey, payment, testChainId, verifyBatchSync } from "../support/keys";

const node = namedKey("node");
const rogue = namedKey("rogue");
const alice = namedKey("alice");
const bob = namedKey("bob");
const carol = namedKey("carol");

// Block 1 mints, block 2 and block 3 move the money around; carol ends with exactly nothing.
const block1 = [mint(node, alice, "100000"), mint(node, bob, "5000", { timestamp: isoAt(1) })];
const block2 = [
  payment(alice, bob, "1250", { memo: "coffee" }),
  payment(bob, carol, "300"),
  payment(alice, carol, "99", { memo: "☕ thanks" }),
];
const block3 = [payment(carol, alice, "399", { memo: "all of it" }), payment(bob, alice, "1")];

/** The valid chain's block specs, with `changes` applied to the spec of block 1, 2 or 3. */
function specs(changes: Partial<Record<1 | 2 | 3, Partial<BlockSpec>>> = {}): BlockSpec[] {
  return [block1, block2, block3].map((transactions, index) => ({
    transactions,
    ...changes[(index + 1) as 1 | 2 | 3],
  }));
}

function validChain(): AuditBlock[] {
  return buildChain(node, specs());
}

async function audit(chain: readonly AuditBlock[], verifyBatch: BatchVerifier = verifyBatchSync) {
  const auditor = new ChainAuditor(node.publicKeyHex);
  const returned = await auditor.addBlocks(chain, verifyBatch);
  return { auditor, returned, result: auditor.result };
}

describe("ChainAuditor on a valid chain", () => {
  it("passes, counting every block and transaction", async () => {
    const { returned, result, auditor } = await audit(validChain());
    expect(returned).toBe(true);
    expect(result).toEqual({ ok: true, height: 3, blocks: 4, transactions: 7, firstBad: null });
    expect(auditor.isFailed).toBe(false);
  });

  it("replays every balance exactly", async () => {
    const { auditor } = await audit(validChain());
    expect(new Map(auditor.replayedBalances)).toEqual(
      new Map([
        [alice.publicKeyHex, 100000n - 1250n - 99n + 399n + 1n],
        [bob.publicKeyHex, 5000n + 1250n - 300n - 1n],
        [carol.publicKeyHex, 0n],
      ]),
    );
  });

  it("gives the same answer whether the chain comes in one run or block by block", async () => {
    const chain = validChain();
    const auditor = new ChainAuditor(node.publicKeyHex);
    for (const item of chain) expect(await auditor.addBlocks([item], verifyBatchSync)).toBe(true);
    expect(auditor.result).toEqual((await audit(chain)).result);
  });

  it("asks the batch verifier for the header signature, then each transaction's, block by block", async () => {
    const asked: SignatureCheck[] = [];
    const recording: BatchVerifier = async (checks) => {
      asked.push(...checks);
      return verifyBatchSync(checks);
    };
    const chain = validChain();
    expect((await audit(chain, recording)).returned).toBe(true);
    const expectedSigners = chain.flatMap(({ transactions }) => [
      node.publicKeyHex,
      ...transactions.map(({ tx }) => tx.from),
    ]);
    expect(asked.map((item) => item.publicKey)).toEqual(expectedSigners);
    expect(asked.map((item) => item.signature)).toEqual(
      chain.flatMap(({ block, transactions }) => [block.signature, ...transactions.map((item) => item.signature)]),
    );
  });

  it("accepts a block of exactly 1,000 transactions", async () => {
    const many = Array.from({ length: 1000 }, (_, index) => mint(node, alice, String(index + 1)));
    const { result } = await audit(buildChain(node, [{ transactions: many }]));
    expect(result).toEqual({ ok: true, height: 1, blocks: 2, transactions: 1000, firstBad: null });
  });
});

describe("ChainAuditor with nothing to audit", () => {
  it("an empty chain is not a valid chain", async () => {
    const { returned, result } = await audit([]);
    expect(returned).toBe(true);
    expect(result).toEqual({
      ok: false,
      height: -1,
      blocks: 0,
      transactions: 0,
      firstBad: { height: 0, reason: "the chain has no genesis block" },
    });
  });

  it("genesis alone is a valid chain", async () => {
    const { result } = await audit(validChain().slice(0, 1));
    expect(result).toEqual({ ok: true, height: 0, blocks: 1, transactions: 0, firstBad: null });
  });
});

/** `blocks` is how many blocks passed before the bad one; it is `height` unless the bad block misstates its height. */
type BreakCase = { name: string; chain: () => AuditBlock[]; height: number; reason: string; blocks?: number };

/** Applies `change` to a copy of the valid chain, leaving every hash and signature as it was. */
function edited(change: (chain: AuditBlock[]) => void): () => AuditBlock[] {
  return () => {
    const chain = structuredClone(validChain());
    change(chain);
    return chain;
  };
}

const withTransaction2 = (transaction: SignedTransaction, position = 0): SignedTransaction[] =>
  block2.map((item, index) => (index === position ? transaction : item));

const breakCases: BreakCase[] = [
  {
    name: "an amount in block 2 changed in storage",
    chain: edited((chain) => (chain[2]!.transactions[0]!.tx.amount = "1")),
    height: 2,
    reason: "transaction 0: its txId is not the hash of its contents",
  },
  {
    name: "an amount in block 2 changed with txId, Merkle root and header re-made (only the payer's signature objects)",
    chain: () =>
      buildChain(
        node,
        specs({ 2: { transactions: withTransaction2({ ...block2[0]!, tx: { ...block2[0]!.tx, amount: "1" } }) } }),
      ),
    height: 2,
    reason: "transaction 0 has a signature that does not verify",
  },
  {
    name: "a header field in block 2 changed in storage",
    chain: edited((chain) => (chain[2]!.block.header.timestamp = isoAt(99_000))),
    height: 2,
    reason: "the block hash does not match its header",
  },
  {
    name: "a broken prevHash link at block 2, signed by the node",
    chain: () => buildChain(node, specs({ 2: { header: { prevHash: "ab".repeat(32) } } })),
    height: 2,
    reason: "prevHash is not the previous block's hash",
  },
  {
    name: "block 2 claiming height 3, signed by the node",
    chain: () => buildChain(node, specs({ 2: { header: { height: 3 } } })),
    // Named by the height it claims, which is where the store keeps it and where the API serves it.
    height: 3,
    reason: "height 3 does not follow 1",
    blocks: 2,
  },
  {
    name: "block 2 claiming height 1 again, signed by the node",
    chain: () => buildChain(node, specs({ 2: { header: { height: 1 } } })),
    height: 1,
    reason: "height 1 does not follow 1",
    blocks: 2,
  },
  {
    name: "a chain that starts at block 1",
    chain: () => validChain().slice(1),
    height: 1,
    reason: "the first block is not at height 0",
    blocks: 0,
  },
  {
    name: "a bad header signature on block 2",
    chain: () => buildChain(node, specs({ 2: { signer: rogue } })),
    height: 2,
    reason: "the node's signature over the block header does not verify",
  },
  {
    name: "a header signature on block 2 with one bit changed",
    chain: edited((chain) => (chain[2]!.block.signature = flipHexBit(chain[2]!.block.signature, 0))),
    height: 2,
    reason: "the node's signature over the block header does not verify",
  },
  {
    name: "a bad transaction signature in block 2",
    chain: edited(
      (chain) => (chain[2]!.transactions[1]!.signature = flipHexBit(chain[2]!.transactions[1]!.signature, 33)),
    ),
    height: 2,
    reason: "transaction 1 has a signature that does not verify",
  },
  {
    name: "a payment in block 2 signed by someone other than its payer",
    chain: () =>
      buildChain(
        node,
        specs({
          2: { transactions: withTransaction2({ ...block2[2]!, signature: payment(bob, carol, "99").signature }, 2) },
        }),
      ),
    height: 2,
    reason: "transaction 2 has a signature that does not verify",
  },
  {
    name: "an overdraft in block 3",
    chain: () => buildChain(node, specs({ 3: { transactions: [payment(carol, alice, "400"), block3[1]!] } })),
    height: 3,
    reason: "transaction 0: overdraws its payer",
  },
  {
    name: "a payment from an account that never received anything",
    chain: () => buildChain(node, specs({ 2: { transactions: withTransaction2(payment(rogue, alice, "1"), 1) } })),
    height: 2,
    reason: "transaction 1: overdraws its payer",
  },
  {
    name: "a txId from block 2 recorded again in block 3",
    chain: () => buildChain(node, specs({ 3: { transactions: [block3[0]!, block2[1]!] } })),
    height: 3,
    reason: "transaction 1: it was already recorded in an earlier block",
  },
  {
    name: "a mint from block 1 recorded again in block 3",
    chain: () => buildChain(node, specs({ 3: { transactions: [block1[0]!] } })),
    height: 3,
    reason: "transaction 0: it was already recorded in an earlier block",
  },
  {
    name: "block 2 with no transactions",
    chain: () => buildChain(node, specs({ 2: { transactions: [] } })),
    height: 2,
    reason: "a block cannot hold 0 transactions",
  },
  {
    name: "block 2 with 1,001 transactions",
    chain: () =>
      buildChain(
        node,
        specs({
          2: { transactions: Array.from({ length: 1001 }, (_, index) => mint(node, carol, String(index + 1))) },
        }),
      ),
    height: 2,
    reason: "a block cannot hold 1001 transactions",
  },
  {
    name: "genesis holding a transaction",
    chain: () => {
      const chain = validChain();
      const txId = computeTxId(block1[0]!.tx);
      const header = makeBlockHeader({
        chainId: testChainId,
        height: 0,
        prevHash: genesisPrevHash,
        txIds: [txId],
        timestamp: isoAt(0),
      });
      chain[0] = { block: signBlock(header, node), transactions: [{ txId, ...block1[0]!, leafIndex: 0 }] };
      return chain;
    },
    height: 0,
    reason: "a block cannot hold 1 transactions",
  },
  {
    name: "a txCount in block 2 one more than its transactions",
    chain: () => buildChain(node, specs({ 2: { header: { txCount: 4 } } })),
    height: 2,
    reason: "txCount does not match the block's transactions",
  },
  {
    name: "a Merkle root in block 2 over the transactions in another order",
    chain: () =>
      buildChain(
        node,
        specs({
          2: { header: { merkleRoot: computeMerkleRoot(block2.map((item) => computeTxId(item.tx)).reverse()) } },
        }),
      ),
    height: 2,
    reason: "the Merkle root does not match the block's transactions",
  },
  {
    name: "a transaction in block 2 stored at the wrong leaf",
    chain: edited((chain) => (chain[2]!.transactions[1]!.leafIndex = 2)),
    height: 2,
    reason: "transaction 1 is stored at leaf 2",
  },
  {
    name: "a mint in block 1 made by a key other than the node's",
    chain: () => buildChain(node, specs({ 1: { transactions: [mint(rogue, alice, "100000"), block1[1]!] } })),
    height: 1,
    reason: "transaction 0: a mint not made by the node",
  },
  {
    name: "a payment in block 2 for another chain",
    chain: () =>
      buildChain(
        node,
        specs({ 2: { transactions: withTransaction2(payment(alice, bob, "5", { chainId: "another-chain" }), 2) } }),
      ),
    height: 2,
    reason: "transaction 2: it names another chain",
  },
  {
    name: "block 2 naming another chain",
    chain: () => buildChain(node, specs({ 2: { header: { chainId: "another-chain" } } })),
    height: 2,
    reason: "the block names another chain",
  },
  {
    name: "a payment in block 2 to its own payer",
    chain: () => buildChain(node, specs({ 2: { transactions: withTransaction2(payment(alice, alice, "5")) } })),
    height: 2,
    reason: "transaction 0: its accounts are malformed",
  },
  {
    name: "a payment in block 2 with an amount of 01",
    chain: () => buildChain(node, specs({ 2: { transactions: withTransaction2(payment(alice, bob, "01")) } })),
    height: 2,
    reason: "transaction 0: its amount is malformed",
  },
  {
    name: "a payment in block 2 with a control character in its memo",
    chain: () =>
      buildChain(
        node,
        specs({ 2: { transactions: withTransaction2(payment(alice, bob, "5", { memo: "a\u0007b" })) } }),
      ),
    height: 2,
    reason: "transaction 0: its memo breaks the memo rules",
  },
  {
    name: "a payment in block 2 with a timestamp without milliseconds",
    chain: () =>
      buildChain(
        node,
        specs({
          2: { transactions: withTransaction2(payment(alice, bob, "5", { timestamp: "2026-11-25T22:00:00Z" })) },
        }),
      ),
    height: 2,
    reason: "transaction 0: its timestamp is malformed",
  },
  {
    name: "block 2 with header version 2",
    chain: () => buildChain(node, specs({ 2: { header: { version: 2 } } })),
    height: 2,
    reason: "unknown block version 2",
  },
  {
    name: "block 2 with a malformed timestamp",
    chain: () => buildChain(node, specs({ 2: { header: { timestamp: "2026-02-30T00:00:00.000Z" } } })),
    height: 2,
    reason: "the block timestamp is malformed",
  },
  {
    name: "block 2 with its hash in uppercase",
    chain: edited((chain) => (chain[2]!.block.hash = chain[2]!.block.hash.toUpperCase())),
    height: 2,
    reason: "malformed hash or signature",
  },
];

describe("ChainAuditor names the first bad block", () => {
  it.each(breakCases)("$name", async ({ chain, height, reason, blocks = height }) => {
    const { returned, result, auditor } = await audit(chain());
    expect(returned).toBe(false);
    expect(auditor.isFailed).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ height, reason });
    // Only the blocks below the bad one count as audited.
    expect(result.blocks).toBe(blocks);
  });

  it.each(breakCases)("the same when fed block by block: $name", async ({ chain, height, reason, blocks = height }) => {
    const auditor = new ChainAuditor(node.publicKeyHex);
    const answers: boolean[] = [];
    for (const item of chain()) answers.push(await auditor.addBlocks([item], verifyBatchSync));
    expect(auditor.result.firstBad).toEqual({ height, reason });
    expect(answers.filter((answer) => answer)).toHaveLength(blocks);
    expect(answers.at(-1)).toBe(false);
  });

  it("a bad signature in a lower block is reported before a structural failure higher in the same run", async () => {
    // Block 1's header signature is bad (found only when the run's signatures are verified); block 3 overdraws
    // (found while the run's structure is checked, before any signature). The lower block must win.
    const chain = buildChain(
      node,
      specs({ 1: { signer: rogue }, 3: { transactions: [payment(carol, alice, "400")] } }),
    );
    const { result } = await audit(chain);
    expect(result.firstBad).toEqual({
      height: 1,
      reason: "the node's signature over the block header does not verify",
    });
    expect(result.blocks).toBe(1);
  });

  it("a bad transaction signature in a lower block is reported before a broken link higher in the same run", async () => {
    const chain = buildChain(node, specs({ 3: { header: { prevHash: genesisPrevHash } } }));
    chain[1]!.transactions[1]!.signature = flipHexBit(chain[1]!.transactions[1]!.signature, 60);
    const { result } = await audit(chain);
    expect(result.firstBad).toEqual({ height: 1, reason: "transaction 1 has a signature that does not verify" });
  });

  it("a structural failure in a lower block is reported before a bad signature higher in the same run", async () => {
    const chain = buildChain(node, specs({ 2: { header: { txCount: 2 } }, 3: { signer: rogue } }));
    const { result } = await audit(chain);
    expect(result.firstBad).toEqual({ height: 2, reason: "txCount does not match the block's transactions" });
  });

  it("once failed, later runs are refused and change nothing", async () => {
    const chain = buildChain(node, specs({ 2: { signer: rogue } }));
    const auditor = new ChainAuditor(node.publicKeyHex);
    expect(await auditor.addBlocks(chain.slice(0, 3), verifyBatchSync)).toBe(false);
    const failed = auditor.result;
    expect(await auditor.addBlocks(chain.slice(3), verifyBatchSync)).toBe(false);
    expect(auditor.result).toEqual(failed);
  });

  it("the same transaction twice in one block is refused: a transaction is recorded at most once", async () => {
    // PROTOCOL.md: "A transaction is recorded at most once". A node that sealed alice's payment twice in one
    // block would debit her twice for one signature.
    const chain = buildChain(node, specs({ 2: { transactions: [...block2, block2[0]!] } }));
    expect(chain[2]!.transactions[3]!.txId).toBe(chain[2]!.transactions[0]!.txId);
    const { result } = await audit(chain);
    expect(result).toMatchObject({ ok: false, firstBad: { height: 2 } });
  });

  it("reports as audited height the last block whose signatures verified, not the last one read", async () => {
    const chain = buildChain(node, specs({ 2: { signer: rogue } }));
    const auditor = new ChainAuditor(node.publicKeyHex);
    expect(await auditor.addBlocks(chain, verifyBatchSync)).toBe(false);
    expect(auditor.result).toMatchObject({ ok: false, height: 1, blocks: 2, firstBad: { height: 2 } });
  });

  it("a batch verifier that answers fewer verdicts than it was asked for does not pass the chain", async () => {
    // Missing verdicts are not valid signatures: the auditor must fail (or stop with an error), never pass.
    const chain = buildChain(node, specs({ 2: { signer: rogue } }));
    const auditor = new ChainAuditor(node.publicKeyHex);
    const answer = await auditor.addBlocks(chain, () => Promise.resolve([])).catch(() => "threw" as const);
    const outcome = answer === "threw" ? { answer: false, ok: false } : { answer, ok: auditor.result.ok };
    expect(outcome).toEqual({ answer: false, ok: false });
  });
});

describe("ChainAuditor with a store that answers for earlier txIds", () => {
  /** The chain fed a block a run, the store holding the blocks below each run (as the node's database does). */
  async function auditBlockByBlock(chain: readonly AuditBlock[]) {
    const asked: { count: number; height: number }[] = [];
    const auditor = new ChainAuditor(node.publicKeyHex, {
      earlierTxIds: (txIds, height) => {
        asked.push({ count: txIds.length, height });
        const below = chain.filter(({ block }) => block.header.height < height);
        const stored = new Set(below.flatMap(({ transactions }) => transactions.map(({ txId }) => txId)));
        return Promise.resolve(new Set(txIds.filter((txId) => stored.has(txId))));
      },
    });
    for (const item of chain) if (!(await auditor.addBlocks([item], verifyBatchSync))) break;
    return { result: auditor.result, asked };
  }

  it("passes the valid chain, asking once a run with the run's txIds", async () => {
    const { result, asked } = await auditBlockByBlock(validChain());
    expect(result).toEqual({ ok: true, height: 3, blocks: 4, transactions: 7, firstBad: null });
    expect(asked).toEqual([
      { count: 0, height: 0 },
      { count: 2, height: 1 },
      { count: 3, height: 2 },
      { count: 2, height: 3 },
    ]);
  });

  it("finds a txId of an earlier run recorded again from the store's answer", async () => {
    const chain = buildChain(node, specs({ 3: { transactions: [block3[0]!, block2[1]!] } }));
    const { result } = await auditBlockByBlock(chain);
    expect(result.firstBad).toEqual({
      height: 3,
      reason: "transaction 1: it was already recorded in an earlier block",
    });
  });

  it("finds one recorded twice within a run without the store", async () => {
    const chain = buildChain(node, specs({ 3: { transactions: [block3[0]!, block2[1]!] } }));
    const auditor = new ChainAuditor(node.publicKeyHex, { earlierTxIds: () => Promise.resolve(new Set()) });
    expect(await auditor.addBlocks(chain, verifyBatchSync)).toBe(false);
    expect(auditor.result.firstBad).toEqual({
      height: 3,
      reason: "transaction 1: it was already recorded in an earlier block",
    });
  });

  it("trusts the store for what is below the run: it keeps no txId of earlier runs", async () => {
    // A store that (wrongly) says nothing is below: the repeat in another run is not the auditor's to find.
    const chain = buildChain(node, specs({ 3: { transactions: [block3[0]!, block2[1]!] } }));
    const auditor = new ChainAuditor(node.publicKeyHex, { earlierTxIds: () => Promise.resolve(new Set()) });
    for (const item of chain) await auditor.addBlocks([item], verifyBatchSync);
    expect(auditor.result.firstBad?.reason ?? null).not.toBe(
      "transaction 1: it was already recorded in an earlier block",
    );
  });
});
