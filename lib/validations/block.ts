// zod schemas for blocks and receipts as PROTOCOL.md defines them: what the verifier CLI and followers accept
// from a node's API (lib/verifier/node-api.ts) and the offline verifier from an export file, one shape for both.
// Each schema `satisfies` its type in lib/ledger/types.ts, so that what parses is what the ledger core takes.
import { z } from "zod";
import type { BlockHeader, BlockTransaction, InclusionProof, Receipt, SignedBlock } from "../ledger/types";
import { auditPathHashesMax, blockTransactionsMax } from "../ledger/limits";
import { chainIdSchema, hex128Schema, hex64Schema, timestampSchema, transactionSchema } from "./transaction";

/** A block height: a non-negative safe integer (zod's int() refuses anything past Number.MAX_SAFE_INTEGER). */
export const blockHeightSchema = z.number().int().min(0);

/** A transaction's place in its block: leaves are numbered from 0 in a block of at most blockTransactionsMax. */
export const leafIndexSchema = z
  .number()
  .int()
  .min(0)
  .max(blockTransactionsMax - 1);

export const blockHeaderSchema = z.strictObject({
  // Any integer parses; the audit names a version it does not know, with the block's height.
  version: z.number().int(),
  chainId: chainIdSchema,
  height: blockHeightSchema,
  prevHash: hex64Schema,
  merkleRoot: hex64Schema,
  txCount: z.number().int().min(0).max(blockTransactionsMax),
  timestamp: timestampSchema,
}) satisfies z.ZodType<BlockHeader>;

/** `block` everywhere in the protocol: the header, its hash and the node's signature over it. */
export const signedBlockSchema = z.strictObject({
  header: blockHeaderSchema,
  hash: hex64Schema,
  signature: hex128Schema,
}) satisfies z.ZodType<SignedBlock>;

/** A recorded transaction with its id and its signer's signature, as both a block's list and a receipt carry it. */
const signedTransactionFields = { txId: hex64Schema, tx: transactionSchema, signature: hex128Schema };

/** One of a block's transactions as GET /api/blocks/{height} lists them. */
export const blockTransactionSchema = z.strictObject({
  ...signedTransactionFields,
  leafIndex: leafIndexSchema,
}) satisfies z.ZodType<BlockTransaction>;

/**
 * GET /api/blocks/{height or hash}: the block and every one of its transactions, in leaf order. The answer's
 * envelope may grow in a later protocol version (as GET /api/node did in v2); what is signed may not.
 */
export const blockWithTransactionsSchema = z.object({
  block: signedBlockSchema,
  transactions: z.array(blockTransactionSchema).max(blockTransactionsMax),
});

/** An RFC 9162 audit path in a block's tree, which holds 1 to blockTransactionsMax leaves. */
export const inclusionProofSchema = z.strictObject({
  leafIndex: leafIndexSchema,
  treeSize: z.number().int().min(1).max(blockTransactionsMax),
  path: z.array(hex64Schema).max(auditPathHashesMax),
}) satisfies z.ZodType<InclusionProof>;

/** A receipt as PROTOCOL.md defines it. */
export const receiptSchema = z.strictObject({
  ...signedTransactionFields,
  block: signedBlockSchema,
  proof: inclusionProofSchema,
  nodePublicKey: hex64Schema,
}) satisfies z.ZodType<Receipt>;
