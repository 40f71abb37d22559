// The sealing rules without a database: which waiting transactions go into the next block and what they leave
// behind (planSeal), the block that holds them (makeNextBlock), and the small rules the stores build on.
import { describe, expect, it } from "vitest";
import type { BalanceProblem } from "@/lib/ledger/balances";
import { computeBlockHash, computeMerkleRoot, makeGenesisHeader } from "@/lib/ledger/block";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { computeTxId } from "@/lib/ledger/hash";
import { balanceMinorMax, blockTransactionsMax, blockVersion } from "@/lib/ledger/limits";
import {
  accountsChangedBy,
  entriesOf,
  firstBalanceMismatch,
  makeNextBlock,
  planSeal,
  type SealCandidate,
  type SealOutcome,
} from "@/lib/ledger/seal";
import type { BlockHeader, SignedBlock, SignedTransaction } from "@/lib/ledger/types";
import { signWithNodeCrypto } from "@/lib/crypto/ed25519";
import { buildChain, signBlock } from "../support/chain";
import { isoAt, mint, namedKey, payment, testChainId, verifyNodeSync } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");
const carol = namedKey("carol");

function candidate(signed: SignedTransaction): SealCandidate {
  return { txId: computeTxId(signed.tx), signed };
}

type Plan = {
  /** Stored balances before the batch; accounts not named hold 0. */
  stored?: Record<string, bigint>;
  recorded?: readonly SignedTransaction[];
  batch: readonly SignedTransaction[];
};

function plan({ stored = {}, recorded = [], batch }: Plan) {
  const recordedTxIds = new Set(recorded.map((signed) => computeTxId(signed.tx)));
  const balanceReads: string[] = [];
  const result = planSeal(
    batch.map(candidate),
    (txId) => recordedTxIds.has(txId),
    (account) => {
      balanceReads.push(account);
      return stored[account] ?? 0n;
    },
  );
  return { ...result, balanceReads };
}

const refused = (problem: BalanceProblem): SealOutcome => ({ kind: "refused", problem });
const sealedAt = (leafIndex: number): SealOutcome => ({ kind: "sealed", leafIndex });
const recordedOutcome: SealOutcome = { kind: "recorded" };

const aliceToBob = payment(alice, bob, "250", { memo: "rent" });
const bobToCarol = payment(bob, carol, "100");
const mintToAlice = mint(node, alice, "1000");

describe("planSeal", () => {
  const cases: {
    name: string;
    plan: Plan;
    outcomes: SealOutcome[];
    sealed: SignedTransaction[];
    balances: Record<string, bigint>;
    touched: string[];
  }[] = [
    {
      name: "a new payment the payer can cover is sealed at leaf 0 and moves the money",
      plan: { stored: { [alice.publicKeyHex]: 1000n }, batch: [aliceToBob] },
      outcomes: [sealedAt(0)],
      sealed: [aliceToBob],
      balances: { [alice.publicKeyHex]: 750n, [bob.publicKeyHex]: 250n },
      touched: [alice.publicKeyHex, bob.publicKeyHex],
    },
    {
      name: "a payment already recorded is answered as recorded and reads no balance",
      plan: { stored: { [alice.publicKeyHex]: 1000n }, recorded: [aliceToBob], batch: [aliceToBob] },
      outcomes: [recordedOutcome],
      sealed: [],
      balances: {},
      touched: [],
    },
    {
      name: "a payment repeated within the batch is sealed once, its repeat answered as recorded",
      plan: { stored: { [alice.publicKeyHex]: 1000n }, batch: [aliceToBob, aliceToBob] },
      outcomes: [sealedAt(0), recordedOutcome],
      sealed: [aliceToBob],
      balances: { [alice.publicKeyHex]: 750n, [bob.publicKeyHex]: 250n },
      touched: [alice.publicKeyHex, bob.publicKeyHex],
    },
    {
      name: "a payment above the payer's balance is refused and changes no balance",
      plan: { stored: { [alice.publicKeyHex]: 249n, [bob.publicKeyHex]: 7n }, batch: [aliceToBob] },
      outcomes: [refused("insufficient_funds")],
      sealed: [],
      balances: { [alice.publicKeyHex]: 249n, [bob.publicKeyHex]: 7n },
      touched: [],
    },
    {
      name: "a payment of exactly the payer's balance is sealed and leaves it at zero",
      plan: { stored: { [alice.publicKeyHex]: 250n }, batch: [aliceToBob] },
      outcomes: [sealedAt(0)],
      sealed: [aliceToBob],
      balances: { [alice.publicKeyHex]: 0n, [bob.publicKeyHex]: 250n },
      touched: [alice.publicKeyHex, bob.publicKeyHex],
    },
    {
      name: "a credit past balanceMinorMax is refused as an overflow and changes no balance",
      plan: {
        stored: { [alice.publicKeyHex]: 1000n, [bob.publicKeyHex]: balanceMinorMax - 249n },
        batch: [aliceToBob],
      },
      outcomes: [refused("balance_overflow")],
      sealed: [],
      balances: { [alice.publicKeyHex]: 1000n, [bob.publicKeyHex]: balanceMinorMax - 249n },
      touched: [],
    },
    {
      name: "a credit up to balanceMinorMax exactly is sealed",
      plan: {
        stored: { [alice.publicKeyHex]: 1000n, [bob.publicKeyHex]: balanceMinorMax - 250n },
        batch: [aliceToBob],
      },
      outcomes: [sealedAt(0)],
      sealed: [aliceToBob],
      balances: { [alice.publicKeyHex]: 750n, [bob.publicKeyHex]: balanceMinorMax },
      touched: [alice.publicKeyHex, bob.publicKeyHex],
    },
    {
      name: "a mint credits its payee, takes nothing from the node and touches only the payee",
      plan: { batch: [mintToAlice] },
      outcomes: [sealedAt(0)],
      sealed: [mintToAlice],
      balances: { [node.publicKeyHex]: 0n, [alice.publicKeyHex]: 1000n },
      touched: [alice.publicKeyHex],
    },
    {
      name: "a mint that would overflow its payee is refused",
      plan: { stored: { [alice.publicKeyHex]: balanceMinorMax - 999n }, batch: [mintToAlice] },
      outcomes: [refused("balance_overflow")],
      sealed: [],
      balances: { [node.publicKeyHex]: 0n, [alice.publicKeyHex]: balanceMinorMax - 999n },
      touched: [],
    },
    {
      name: "transactions apply in order: money minted earlier in the batch can be spent later in it",
      plan: { batch: [mintToAlice, aliceToBob, bobToCarol] },
      outcomes: [sealedAt(0), sealedAt(1), sealedAt(2)],
      sealed: [mintToAlice, aliceToBob, bobToCarol],
      balances: {
        [node.publicKeyHex]: 0n,
        [alice.publicKeyHex]: 750n,
        [bob.publicKeyHex]: 150n,
        [carol.publicKeyHex]: 100n,
      },
      touched: [alice.publicKeyHex, bob.publicKeyHex, carol.publicKeyHex],
    },
    {
      name: "the same batch in the other order is refused where the money is not there yet",
      plan: { batch: [bobToCarol, aliceToBob, mintToAlice] },
      outcomes: [refused("insufficient_funds"), refused("insufficient_funds"), sealedAt(0)],
      sealed: [mintToAlice],
      balances: {
        [node.publicKeyHex]: 0n,
        [alice.publicKeyHex]: 1000n,
        [bob.publicKeyHex]: 0n,
        [carol.publicKeyHex]: 0n,
      },
      touched: [alice.publicKeyHex],
    },
    {
      name: "outcomes come in the candidates' order, and leaf indexes count only what is sealed",
      plan: {
        stored: { [alice.publicKeyHex]: 300n },
        recorded: [mintToAlice],
        batch: [mintToAlice, aliceToBob, payment(alice, carol, "51"), aliceToBob, payment(alice, carol, "50")],
      },
      outcomes: [recordedOutcome, sealedAt(0), refused("insufficient_funds"), recordedOutcome, sealedAt(1)],
      sealed: [aliceToBob, payment(alice, carol, "50")],
      balances: { [alice.publicKeyHex]: 0n, [bob.publicKeyHex]: 250n, [carol.publicKeyHex]: 50n },
      touched: [alice.publicKeyHex, bob.publicKeyHex, carol.publicKeyHex],
    },
    {
      name: "a refused transaction is not taken as seen: sent again once the money is there, it is sealed",
      plan: { batch: [aliceToBob, mintToAlice, aliceToBob] },
      outcomes: [refused("insufficient_funds"), sealedAt(0), sealedAt(1)],
      sealed: [mintToAlice, aliceToBob],
      balances: { [node.publicKeyHex]: 0n, [alice.publicKeyHex]: 750n, [bob.publicKeyHex]: 250n },
      touched: [alice.publicKeyHex, bob.publicKeyHex],
    },
  ];

  it.each(cases)("$name", (testCase) => {
    const result = plan(testCase.plan);
    expect(result.outcomes).toEqual(testCase.outcomes);
    expect(result.sealed).toEqual(testCase.sealed.map(candidate));
    expect(Object.fromEntries(result.balances)).toEqual(testCase.balances);
    expect([...result.touched].sort()).toEqual([...testCase.touched].sort());
  });

  it("reads each account's stored balance once, however often the batch names it", () => {
    const { balanceReads } = plan({
      stored: { [alice.publicKeyHex]: 1000n },
      batch: [aliceToBob, payment(alice, bob, "1"), payment(bob, alice, "2")],
    });
    expect(balanceReads.sort()).toEqual([alice.publicKeyHex, bob.publicKeyHex].sort());
  });

  it("plans an empty batch as nothing to seal", () => {
    const result = plan({ batch: [] });
    expect(result).toEqual({ sealed: [], outcomes: [], balances: new Map(), touched: new Set(), balanceReads: [] });
  });

  it("takes a full block of candidates and refuses, as a bug, one more", () => {
    const full = Array.from({ length: blockTransactionsMax }, (_, index) =>
      mint(node, alice, String(index + 1), { timestamp: isoAt(index) }),
    );
    expect(plan({ batch: full }).sealed).toHaveLength(blockTransactionsMax);
    const oneTooMany = [...full, mint(node, alice, "1", { timestamp: isoAt(-1) })];
    expect(() => plan({ batch: oneTooMany })).toThrow(/assertion failed/);
  });
});

describe("makeNextBlock", () => {
  const genesis = signBlock(makeGenesisHeader(testChainId, isoAt(0)), node);
  const entries = [mintToAlice, aliceToBob, bobToCarol].map(candidate);
  const signHeader = (header: BlockHeader) => signWithNodeCrypto(node.privateKey, canonicalBytes(header));
  const make = (head: SignedBlock, nowMs: number, items: readonly SealCandidate[] = entries) =>
    makeNextBlock(head, items, signHeader, nowMs).block;

  it("follows its head: the next height, the head's hash, the Merkle root of the txIds in leaf order", () => {
    const block = make(genesis, Date.parse(isoAt(5000)));
    expect(block.header).toEqual({
      version: blockVersion,
      chainId: testChainId,
      height: 1,
      prevHash: genesis.hash,
      merkleRoot: computeMerkleRoot(entries.map((entry) => entry.txId)),
      txCount: 3,
      timestamp: isoAt(5000),
    });
    expect(block.hash).toBe(computeBlockHash(block.header));
    expect(verifyNodeSync(node.publicKeyHex, canonicalBytes(block.header), block.signature)).toBe(true);
    const next = make(block, Date.parse(isoAt(6000)), entries.slice(0, 1));
    expect([next.header.height, next.header.prevHash, next.header.txCount]).toEqual([2, block.hash, 1]);
  });

  it("commits to the order of its transactions: the same ones reversed have another root", () => {
    const forward = make(genesis, Date.parse(isoAt(5000)));
    const reversed = make(genesis, Date.parse(isoAt(5000)), [...entries].reverse());
    expect(reversed.header.merkleRoot).not.toBe(forward.header.merkleRoot);
    expect(reversed.hash).not.toBe(forward.hash);
  });

  it.each([
    { name: "a clock ahead of the head's time gives the clock's time", nowOffsetMs: 1, expected: isoAt(60_001) },
    { name: "a clock at the head's time gives the same time", nowOffsetMs: 0, expected: isoAt(60_000) },
    { name: "a clock that ran backwards keeps the head's time", nowOffsetMs: -3_600_000, expected: isoAt(60_000) },
  ])("never runs block time backwards: $name", ({ nowOffsetMs, expected }) => {
    const head = signBlock({ ...genesis.header, timestamp: isoAt(60_000) }, node);
    expect(make(head, Date.parse(isoAt(60_000)) + nowOffsetMs).header.timestamp).toBe(expected);
  });

  it("refuses, as a bug, a block of no transactions or of more than blockTransactionsMax", () => {
    expect(() => make(genesis, Date.parse(isoAt(1)), [])).toThrow(/assertion failed/);
    const tooMany = Array.from({ length: blockTransactionsMax + 1 }, () => entries[0]!);
    expect(() => make(genesis, Date.parse(isoAt(1)), tooMany)).toThrow(/assertion failed/);
  });
});

describe("firstBalanceMismatch", () => {
  const [a, b, c] = [alice.publicKeyHex, bob.publicKeyHex, carol.publicKeyHex];
  const cases: {
    name: string;
    stored: { publicKey: string; balanceMinor: bigint }[];
    replayed: [string, bigint][];
    expected: string | null;
  }[] = [
    { name: "nothing stored, nothing replayed", stored: [], replayed: [], expected: null },
    {
      name: "every stored balance is the replayed one",
      stored: [
        { publicKey: a, balanceMinor: 5n },
        { publicKey: b, balanceMinor: 0n },
      ],
      replayed: [
        [b, 0n],
        [a, 5n],
      ],
      expected: null,
    },
    {
      name: "a stored balance one unit off",
      stored: [
        { publicKey: a, balanceMinor: 5n },
        { publicKey: b, balanceMinor: 8n },
      ],
      replayed: [
        [a, 5n],
        [b, 7n],
      ],
      expected: b,
    },
    {
      name: "a stored balance the replay never saw",
      stored: [{ publicKey: c, balanceMinor: 1n }],
      replayed: [],
      expected: c,
    },
    {
      name: "a stored zero the replay never saw",
      stored: [{ publicKey: c, balanceMinor: 0n }],
      replayed: [],
      expected: null,
    },
    { name: "a replayed balance with no stored row", stored: [], replayed: [[a, 3n]], expected: a },
    { name: "a replayed zero with no stored row", stored: [], replayed: [[a, 0n]], expected: null },
    {
      name: "the first stored mismatch, before any account that is only replayed",
      stored: [
        { publicKey: a, balanceMinor: 1n },
        { publicKey: b, balanceMinor: 2n },
        { publicKey: c, balanceMinor: 3n },
      ],
      replayed: [
        ["f".repeat(64), 9n],
        [a, 1n],
        [b, 0n],
        [c, 0n],
      ],
      expected: b,
    },
  ];

  it.each(cases)("$name", ({ stored, replayed, expected }) => {
    expect(firstBalanceMismatch(stored, new Map(replayed))).toBe(expected);
  });
});

describe("accountsChangedBy", () => {
  it.each([
    { name: "a payment changes its payer and its payee", signed: aliceToBob, expected: [alice, bob] },
    { name: "a mint changes only its payee, not the node", signed: mintToAlice, expected: [alice] },
  ])("$name", ({ signed, expected }) => {
    expect(accountsChangedBy(signed.tx)).toEqual(expected.map((key) => key.publicKeyHex));
  });
});

describe("entriesOf", () => {
  it("gives a verified block's transactions as seal candidates, in leaf order", () => {
    const chain = buildChain(node, [{ transactions: [mintToAlice, aliceToBob, bobToCarol] }]);
    expect(entriesOf(chain[1]!)).toEqual([mintToAlice, aliceToBob, bobToCarol].map(candidate));
    expect(entriesOf(chain[0]!)).toEqual([]);
  });
});
