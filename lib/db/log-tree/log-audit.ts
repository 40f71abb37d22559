// The audit's check of the stored log tree: the node signs its checkpoints with roots folded from these nodes,
// so a changed one is a bad block even though every block still verifies. Run by run, the nodes each block's
// hash completes are recomputed (from the frontier the runs below left, O(log n) in memory) and compared with
// the stored ones, read in one statement a run. Blocks the log does not hold yet (a chain stored before the log,
// whose nodes preparing the node adds) are not checked.
import type { AuditBlock } from "../../ledger/audit";
import { bytesEqual } from "../../ledger/merkle";
import { hex64Pattern, hexToBytes } from "../../ledger/hex";
import { appendLeaves, positionKey, type LogNode } from "../../ledger/log/tree";
import type { TreeNodePosition } from "../../ledger/merkle";

/** The reads the check needs: any reader of the chain has them. */
export type LogNodeReader = {
  logSize(): Promise<number>;
  logNodesAt(positions: readonly TreeNodePosition[]): Promise<Map<string, Uint8Array>>;
};

export class StoredLogCheck {
  private size = 0;
  private frontier: Uint8Array[] = [];
  private storedSize: number | null = null;
  private isStopped = false;

  /** The index in `run` (the next blocks of the chain) of the first block whose log nodes are not the stored ones, and why. */
  async firstProblem(
    reader: LogNodeReader,
    run: readonly AuditBlock[],
  ): Promise<{ index: number; reason: string } | null> {
    this.storedSize ??= await reader.logSize();
    // A block hash that is not one leaves the chain to the auditor, which names it more precisely.
    const checked = run.filter(({ block }) => block.header.height < this.storedSize!);
    if (this.isStopped || checked.length === 0) return null;
    if (
      !checked.every(({ block }, index) => hex64Pattern.test(block.hash) && block.header.height === this.size + index)
    ) {
      this.isStopped = true;
      return null;
    }
    const nodesOfBlock: LogNode[][] = [];
    for (const { block } of checked) {
      const appended = appendLeaves(this.size, this.frontier, [hexToBytes(block.hash)]);
      nodesOfBlock.push(appended.nodes);
      this.frontier = appended.frontier;
      this.size += 1;
    }
    const stored = await reader.logNodesAt(nodesOfBlock.flat());
    for (const [index, nodes] of nodesOfBlock.entries()) {
      for (const node of nodes) {
        const hash = stored.get(positionKey(node));
        if (hash !== undefined && bytesEqual(hash, node.hash)) continue;
        const what = `its log tree node at level ${node.level}, index ${node.index}`;
        return {
          index,
          reason: hash === undefined ? `${what} is not stored` : `${what} is not the tree of the block hashes`,
        };
      }
    }
    return null;
  }
}
