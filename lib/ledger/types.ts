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

export type InclusionProof = { leafIndex: number; treeSize: number; path: string[] };

export type Receipt = {
  txId: string;
  tx: Transaction;
  signature: string;
  block: SignedBlock;
  proof: InclusionProof;
  nodePublicKey: string;
};

/** GET /api/node: what a wallet pins and shows. */
export type NodeInfo = {
  chainId: string;
  nodePublicKey: string;
  currency: Currency;
  head: SignedBlock;
  faucet: { enabled: boolean; amount: string };
};

/** A currency as the node announces it: an ISO 4217 code and how many decimals its minor unit has. */
export type Currency = { code: string; decimals: number };
