// What the seed's parts hand each other: accounts, the payments planned for one block, and their signatures.
import type { KeyObject } from "node:crypto";
import type { Transaction } from "../../lib/ledger/types";

export type Account = { publicKey: string; privateKey: KeyObject };
export type SeedTransaction = { txId: string; tx: Transaction; signature: string };
/** One block's worth of payments, planned in chain order and signed by a worker. */
export type PaymentJob = {
  id: number;
  timestamp: string;
  from: Int32Array;
  to: Int32Array;
  amounts: string[];
  memos: string[];
};
export type SignedJob = { id: number; txIds: string[]; signatures: string[] };

/** What the seed writes its blocks through, on either database. */
export interface SeedWriter {
  /** Reads the head the first write appends to. */
  start(): Promise<void>;
  /** The head's height after the last write. */
  headHeight(): number;
  /** Appends the blocks in chain order; returns the number of payments among their transactions. */
  write(blocks: readonly SeedTransaction[][]): Promise<number>;
}
