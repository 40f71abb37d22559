// A long chain, quickly, for the log's benchmarks and tests (issue 11): `blockCount` blocks of one mint each,
// appended onto whatever chain the store holds, through the seed's BlockWriter (so each block gets its tree and
// its log nodes in its own commit, exactly as the sealer writes them), many blocks per transaction. Every block
// is a real signed block the audit accepts; 100,000 of them take some seconds, most of it Ed25519 signing.
import { canonicalBytes } from "../../lib/ledger/canonical";
import { signWithNodeCrypto, type NodeKey } from "../../lib/crypto/ed25519";
import type { SqliteLedgerStore } from "../../lib/db/sqlite-store";
import { computeTxId } from "../../lib/ledger/hash";
import type { Transaction } from "../../lib/ledger/types";
import { BlockWriter } from "./block-writer";
import type { SeedTransaction } from "./types";

/** Blocks per SQLite transaction while making a long chain. */
const logChainBlocksPerCommit = 2000;

/** Appends `blockCount` one-mint blocks (1 minor unit each, to `account`); returns the new head height. */
export function appendMintBlocks(
  store: SqliteLedgerStore,
  nodeKey: NodeKey,
  chainId: string,
  account: string,
  blockCount: number,
): number {
  // As `npm run seed` does: each commit stays atomic without waiting for the disk, and WAL checkpoints are few.
  store.database.pragma("synchronous = NORMAL");
  store.database.pragma("wal_autocheckpoint = 16384");
  const writer = new BlockWriter(store, chainId, nodeKey);
  const firstHeight = writer.headHeight() + 1;
  for (let written = 0; written < blockCount;) {
    const count = Math.min(logChainBlocksPerCommit, blockCount - written);
    const timestamp = new Date().toISOString();
    const blocks = Array.from({ length: count }, (_, index): SeedTransaction[] => {
      const tx: Transaction = {
        type: "mint",
        chainId,
        from: nodeKey.publicKeyHex,
        to: account,
        amount: "1",
        // The memo makes each mint's txId its own.
        memo: `log block ${firstHeight + written + index}`,
        timestamp,
      };
      return [{ txId: computeTxId(tx), tx, signature: signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(tx)) }];
    });
    writer.write(blocks);
    written += count;
  }
  return writer.headHeight();
}
