// A follower keeps a verified replica of another node's chain: it syncs headers and blocks through the node's
// public API, audits each block as it arrives (the same ChainAuditor as `npm run verify` and the node's own
// audit), and stores only what verified. It trusts the node for nothing but availability: should the node ever
// serve a different block at a height the follower has already verified (a rewrite), drop it, or sign with
// another key, or answer against the protocol (an endless body, a redirect, a wrong shape), the follower raises
// an alarm, records it in the replica, and stops following.
import { ChainAuditor, type BatchVerifier } from "../../ledger/audit";
import { canonicalJson } from "../../ledger/canonical";
import type { SignedBlock } from "../../ledger/types";
import { NodeApiError, type NodeApi } from "../../verifier/node-api";
import { followAlarmSetting, type FollowAlarm, type FollowAlarmKind } from "./follow-settings";
import { auditStoredChain, type LedgerStore } from "../../db/ledger-store";

/** Blocks fetched, verified and stored together. */
const blocksPerRun = 64;

export class FollowAlarmError extends Error {
  readonly alarm: FollowAlarm;

  constructor(alarm: FollowAlarm) {
    super(`ALARM: ${alarm.reason}`);
    this.alarm = alarm;
  }
}

export type FollowerOptions = {
  store: LedgerStore;
  api: NodeApi;
  /** The key pinned when the replica was made: the only one whose blocks are accepted. */
  nodePublicKey: string;
  verifyBatch: BatchVerifier;
  log?: (line: string) => void;
};

export type SyncReport = { height: number; added: number };

export async function readFollowAlarm(store: LedgerStore): Promise<FollowAlarm | null> {
  const text = await store.readSetting(followAlarmSetting);
  return text === null ? null : (JSON.parse(text) as FollowAlarm);
}

export class Follower {
  private readonly options: FollowerOptions;
  private readonly auditor: ChainAuditor;
  private head: SignedBlock | null;
  /** The already-verified height whose block is fetched again next, cycling through the chain. */
  private spotCheckHeight = 0;

  private constructor(options: FollowerOptions, auditor: ChainAuditor, head: SignedBlock | null) {
    this.options = options;
    this.auditor = auditor;
    this.head = head;
  }

  /** Opens the replica: its blocks are verified again from genesis, so that the follower starts from a chain it checked itself. */
  static async open(options: FollowerOptions): Promise<Follower> {
    const { store, nodePublicKey, verifyBatch } = options;
    // The replica answers for the txIds below each run, its own and then the followed node's as they are appended:
    // the follower's memory does not grow with the chain.
    const auditor = new ChainAuditor(nodePublicKey, {
      earlierTxIds: (txIds, height) => store.txIdsBelow(txIds, height),
    });
    const head = await store.head();
    const { ok, firstBad } = await auditStoredChain(store, auditor, head?.header.height ?? -1, verifyBatch);
    // An empty replica is not ok (it has no genesis yet) but has nothing wrong with it either.
    if (head !== null && !ok) {
      throw new Error(
        `The replica itself does not verify at block ${firstBad?.height ?? "?"}: ${firstBad?.reason ?? ""}. Start a new replica.`,
      );
    }
    return new Follower(options, auditor, head);
  }

  get height(): number {
    return this.head?.header.height ?? -1;
  }

  /**
   * One round: checks that the node still serves what was verified, then fetches, verifies and stores every
   * block up to the node's head. Throws FollowAlarmError (recorded in the replica) on a rewrite, and on an answer
   * against the protocol (NodeApiError that is not isUnavailable: the node answered, but wrongly); a node that is
   * down, busy or unreachable leaves the replica as it was, for the next round to retry.
   */
  async syncOnce(): Promise<SyncReport> {
    const standing = await readFollowAlarm(this.options.store);
    if (standing !== null) throw new FollowAlarmError(standing);
    try {
      return await this.syncRound();
    } catch (error) {
      // A node that answered wrongly once cannot be trusted to answer rightly next time, and retrying it forever
      // would hide that it misbehaves: it is an alarm, like a rewrite. Only the unavailable are retried.
      if (error instanceof NodeApiError && !error.isUnavailable) {
        await this.raise(
          this.height,
          `the node answered against the protocol: ${error.message}`,
          null,
          null,
          "misbehaviour",
        );
      }
      throw error;
    }
  }

  private async syncRound(): Promise<SyncReport> {
    const { store, api } = this.options;
    const info = await api.info();
    if (info.nodePublicKey !== this.options.nodePublicKey) {
      await this.raise(
        this.height,
        `the node now announces key ${info.nodePublicKey}, not the pinned ${this.options.nodePublicKey}`,
        null,
        null,
      );
    }
    await this.checkSeen(info.head);
    let added = 0;
    while (this.height < info.head.header.height) {
      const headers = await api.headers(this.height + 1, blocksPerRun);
      if (headers.length === 0) break;
      if (this.head !== null && headers[0]!.header.prevHash !== this.head.hash) {
        // The next block does not extend the block verified last: the chain below it was rewritten.
        await this.raise(
          this.height,
          `block ${headers[0]!.header.height} does not extend the block ${this.height} already verified: the node rewrote its chain`,
          this.head.hash,
          headers[0]!.header.prevHash,
        );
      }
      const run = await api.blocksOf(headers);
      const isGood = await this.auditor.addBlocks(run, this.options.verifyBatch);
      if (!isGood) {
        const { firstBad } = this.auditor.result;
        await this.raise(
          firstBad?.height ?? this.height + 1,
          `the node serves block ${firstBad?.height ?? "?"}, which does not verify: ${firstBad?.reason ?? ""}`,
          null,
          null,
        );
      }
      await store.appendVerified(run, this.auditor.replayedBalances);
      this.head = run[run.length - 1]!.block;
      added += run.length;
    }
    return { height: this.height, added };
  }

  /**
   * The node's chain must still hold every block verified so far. Its block at our head must be the one we hold
   * (blocks link by hash, so a rewrite anywhere below re-signed up to its head changes it), and each round one
   * older block is fetched again whole, which catches a block whose transactions changed under an unchanged
   * header list.
   */
  private async checkSeen(nodeHead: SignedBlock): Promise<void> {
    if (this.head === null) return;
    const { api, store } = this.options;
    const height = this.height;
    if (nodeHead.header.height < height) {
      await this.raise(
        height,
        `the node's head is block ${nodeHead.header.height}, below block ${height} it served and this follower verified`,
        this.head.hash,
        null,
      );
    }
    const [served] = await api.headers(height, 1);
    if (served?.hash !== this.head.hash) {
      await this.raise(
        height,
        `the node rewrote block ${height}: it now serves hash ${served?.hash ?? "(none)"}, not the ${this.head.hash} verified before`,
        this.head.hash,
        served?.hash ?? null,
      );
    }
    const spot = this.spotCheckHeight;
    this.spotCheckHeight = spot + 1 >= height ? 0 : spot + 1;
    const [seen] = await store.blocksWithTransactions(spot, 1);
    const [spotHeader] = await api.headers(spot, 1);
    if (seen === undefined) return;
    const [servedBlock] =
      spotHeader === undefined || spotHeader.hash !== seen.block.hash ? [undefined] : await api.blocksOf([spotHeader]);
    // Whole transactions, not only their ids: a changed amount under an unchanged txId is a rewrite too.
    if (servedBlock === undefined || canonicalJson(servedBlock.transactions) !== canonicalJson(seen.transactions)) {
      await this.raise(
        spot,
        `the node rewrote block ${spot}: what it serves now differs from what this follower verified`,
        seen.block.hash,
        spotHeader?.hash ?? null,
      );
    }
  }

  private async raise(
    height: number,
    reason: string,
    seenHash: string | null,
    servedHash: string | null,
    kind: FollowAlarmKind = "rewrite",
  ): Promise<never> {
    const alarm: FollowAlarm = { raisedAt: new Date().toISOString(), kind, height, reason, seenHash, servedHash };
    await this.options.store.writeSetting(followAlarmSetting, JSON.stringify(alarm));
    throw new FollowAlarmError(alarm);
  }
}
