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
