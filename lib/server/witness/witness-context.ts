// The witness's identity in the server process: its key name (WITNESS_NAME, set by `npm run follow --witness`),
// its key from the data directory, the origin it witnesses (pinned by `npm run follow` at the first start) and
// the followed node's checkpoint key. Made once per process, on the first witness request.
import "server-only";
import { hexToBytes } from "../../ledger/hex";
import { nodeLogKey } from "../../ledger/log/checkpoint";
import type { VerifierKey } from "../../ledger/log/note";
import { LedgerError } from "../../ledger/errors";
import { WitnessRecords } from "../../db/records/witness-records";
import type { LedgerNode } from "../node/context";
import { readWitnessKey, witnessIdentity, type WitnessIdentity } from "./witness-key";
import { witnessOriginSetting } from "./witness-settings";

export type WitnessContext = {
  identity: WitnessIdentity;
  origin: string;
  /** The only key whose signature makes a checkpoint of `origin` trusted: the pinned node key as a vkey. */
  logKey: VerifierKey;
  records: WitnessRecords;
};

const globalForWitness = globalThis as unknown as { chainpayWitness?: { node: LedgerNode; context: WitnessContext } };

/** The witness of this follower; `not_found` on a node, or on a follower started without --witness. */
export async function getWitness(node: LedgerNode): Promise<WitnessContext> {
  const existing = globalForWitness.chainpayWitness;
  if (existing !== undefined && existing.node === node) return existing.context;
  const name = node.config.witnessName;
  if (node.writer !== null || name === undefined) {
    throw new LedgerError(
      "not_found",
      "This server is not a witness: start one with `npm run follow -- <url> --witness`.",
    );
  }
  const origin = await node.store.readSetting(witnessOriginSetting);
  if (origin === null)
    throw new Error(`${witnessOriginSetting} is not set: start the witness with \`npm run follow\`.`);
  const context: WitnessContext = {
    identity: witnessIdentity(name, readWitnessKey(node.config.dataDir)),
    origin,
    logKey: nodeLogKey(origin, hexToBytes(node.nodePublicKey)),
    records: new WitnessRecords(node.config.databaseUrl, node.config.postgresTimeouts),
  };
  globalForWitness.chainpayWitness = { node, context };
  return context;
}
