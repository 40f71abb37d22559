// The audit's reason for a bad block, in the page's language. The ledger core (lib/ledger/audit.ts) says it in
// English, as the verify CLI prints it and the audit API returns it; this reads each of its sentences back into a
// message key of the explorerActions area with its values. A sentence it does not know (a newer core) is shown
// as the core wrote it, never dropped.

import { readBack, type SentenceTable, type Wording } from "@/lib/i18n/read-back";

/** A sentence to translate: its key under explorerActions.audit.reasons and its values. */
export type ReasonWording = Wording;

const wholeReasons: SentenceTable = [
  [/^the chain has no genesis block$/, "noGenesis"],
  [/^the node's signature over the block header does not verify$/, "nodeSignature"],
  [/^transaction (?<leaf>\d+) has a signature that does not verify$/, "transactionSignature"],
  [/^unknown block version (?<version>.+)$/, "unknownVersion"],
  [/^malformed hash or signature$/, "malformedHash"],
  [/^the block hash does not match its header$/, "blockHash"],
  [/^the block names another chain$/, "blockChain"],
  [/^the block timestamp is malformed$/, "blockTimestamp"],
  [/^the block timestamp is before the previous block's$/, "blockTimestampOrder"],
  [/^a block cannot hold (?<count>\d+) transactions$/, "blockSize"],
  [/^txCount does not match the block's transactions$/, "txCount"],
  [/^transaction (?<position>\d+) is stored at leaf (?<leaf>\d+)$/, "leafPlace"],
  [/^the Merkle root does not match the block's transactions$/, "merkleRoot"],
  [/^the stored balance of account (?<account>[0-9a-f]+) is not what its transactions add up to$/, "storedBalance"],
];

const transactionProblems: SentenceTable = [
  [/^its txId is not the hash of its contents$/, "txId"],
  [/^it was already recorded in an earlier block$/, "recordedBefore"],
  [/^it names another chain$/, "otherChain"],
  [/^its amount is malformed$/, "amount"],
  [/^its accounts are malformed$/, "accounts"],
  [/^a mint not made by the node$/, "mint"],
  [/^its type is unknown$/, "type"],
  [/^its timestamp is malformed$/, "timestamp"],
  [/^its timestamp is more than (?<minutes>\d+) minutes from its block's$/, "timestampSkew"],
  [/^its memo breaks the memo rules$/, "memo"],
  [/^it appears twice in this block$/, "twice"],
  [/^overdraws its payer$/, "overdraw"],
  [/^overflows a balance$/, "overflow"],
];

/** The reason as a message key with values; null for a sentence this page does not know. */
export function auditReasonWording(reason: string): ReasonWording | null {
  const whole = readBack(wholeReasons, reason);
  if (whole !== null) return whole;
  const perTransaction = /^transaction (?<position>\d+): (?<problem>.+)$/.exec(reason);
  if (perTransaction === null) return null;
  const problem = readBack(transactionProblems, perTransaction.groups!.problem!);
  if (problem === null) return null;
  return { key: `problems.${problem.key}`, values: { ...problem.values, position: perTransaction.groups!.position! } };
}
