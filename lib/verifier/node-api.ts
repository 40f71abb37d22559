// A node's public API as a verifier or follower reads it: nothing it answers is trusted. Each answer is first
// checked for shape here (a node could send anything), then audited by ChainAuditor for what it means.
import { z } from "zod";
import type { AuditBlock } from "../ledger/audit";
import { headersLimitMax } from "../ledger/limits";
import { blockWithTransactionsSchema, signedBlockSchema } from "../validations/block";
import { describeIssue } from "../validations/issues";
import { nodeInfoSchema, type NodeInfoFields } from "../validations/node";
import { balanceSchema } from "../validations/transaction";
import type { SignedBlock } from "../ledger/types";

const headersSchema = z.object({ blocks: z.array(signedBlockSchema).max(headersLimitMax) });

const accountBalanceSchema = z.object({ balance: balanceSchema });

export type NodeApiInfo = NodeInfoFields;

/** The node answered, but not as the protocol says: `status` is its HTTP status when that was the fault. */
export class NodeApiError extends Error {
  readonly status: number | null;

  constructor(message: string, status: number | null = null) {
    super(message);
    this.status = status;
  }

  /** The node failed to answer (5xx): a node that is down or overloaded, not a chain that fails verification. */
  get isUnavailable(): boolean {
    return this.status !== null && this.status >= 500;
  }
}

/** Reads a node's public API at `baseUrl`; every answer is checked for shape before it is returned. */
export class NodeApi {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, fetchImpl: typeof fetch = fetch) {
    this.baseUrl = baseUrl;
    this.fetchImpl = fetchImpl;
  }

  async json<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await this.fetchImpl(new URL(path, this.baseUrl), { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new NodeApiError(`GET ${path} answered ${response.status}`, response.status);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new NodeApiError(
        `GET ${path} answered something that is not the protocol's: ${describeIssue(parsed.error.issues)}`,
      );
    return parsed.data;
  }

  /** Reads an account's balance as the node reports it. */
  async balance(account: string): Promise<string> {
    return (await this.json(`/api/accounts/${account}?limit=1`, accountBalanceSchema)).balance;
  }

  info(): Promise<NodeApiInfo> {
    return this.json("/api/node", nodeInfoSchema);
  }

  async headers(from: number, limit = headersLimitMax): Promise<SignedBlock[]> {
    return (await this.json(`/api/headers?from=${from}&limit=${limit}`, headersSchema)).blocks;
  }

  /**
   * The blocks of `headers` with their transactions, fetched a few at a time. A block whose body differs from
   * its header in the list is reported: the two routes must agree.
   */
  async blocksOf(headers: readonly SignedBlock[], atOnce = 8): Promise<AuditBlock[]> {
    const run: AuditBlock[] = [];
    for (let index = 0; index < headers.length; index += atOnce) {
      const slice = headers.slice(index, index + atOnce);
      const bodies = await Promise.all(
        slice.map((block) =>
          block.header.txCount === 0
            ? Promise.resolve({ block, transactions: [] })
            : this.json(`/api/blocks/${block.header.height}`, blockWithTransactionsSchema),
        ),
      );
      for (const [position, body] of bodies.entries()) {
        const listed = slice[position]!;
        if (body.block.hash !== listed.hash) {
          throw new NodeApiError(`block ${listed.header.height} differs between /api/headers and /api/blocks`);
        }
        run.push({ block: body.block, transactions: body.transactions });
      }
    }
    return run;
  }
}
