// The protocol's data, as PROTOCOL.md defines it. Amounts travel as decimal strings of minor units.

export type TransactionType = "payment" | "mint";

export type Transaction = {
  type: TransactionType;
  chainId: string;
  from: string;
  to: string;
  amount: string;
  memo?: string;
  timestamp: string;
};

export type SignedTransaction = { tx: Transaction; signature: string };

export type BlockHeader = {
  version: number;
  chainId: string;
  height: number;
  prevHash: string;
  merkleRoot: string;
  txCount: number;
  timestamp: string;
};

/** A block as the API shows it: the header, its hash and the node's signature over it. */
export type SignedBlock = { header: BlockHeader; hash: string; signature: string };

/** One of a block's transactions as GET /api/blocks/{height or hash} lists them, in leaf order. */
export type BlockTransaction = { txId: string; tx: Transaction; signature: string; leafIndex: number };

export type InclusionProof = { leafIndex: number; treeSize: number; path: string[] };

export type Receipt = {
  txId: string;
  tx: Transaction;
  signature: string;
  block: SignedBlock;
  proof: InclusionProof;
  nodePublicKey: string;
};

/** One transaction of an account's page: where it was recorded, for the account's history. */
export type AccountEntry = { txId: string; tx: Transaction; blockHeight: number; leafIndex: number };

/** GET /api/accounts/{publicKey}: the balance and one page of the account's transactions, newest first. */
export type AccountPage = { account: string; balance: string; transactions: AccountEntry[]; nextBefore: string | null };

/** GET /api/node: what a wallet pins and shows. */
export type NodeInfo = {
  chainId: string;
  nodePublicKey: string;
  currency: Currency;
  head: SignedBlock;
  faucet: { enabled: boolean; amount: string };
  /** v2: the witnessed log (absent on a v1 node). */
  log?: { origin: string; vkey: string; size: number };
};

/** A currency as the node announces it: an ISO 4217 code and how many decimals its minor unit has. */
export type Currency = { code: string; decimals: number };
