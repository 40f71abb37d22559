// A node's public API as a verifier or follower reads it: nothing it answers is trusted. Each answer is first
// bounded in time and bytes and checked for shape here (a node could send anything, or never stop sending), then
// audited by ChainAuditor for what it means. Whatever a node does becomes a NodeApiError that says what it did.
import { z } from "zod";
import type { AuditBlock } from "../ledger/audit";
import { headersLimitMax } from "../ledger/limits";
import { blockWithTransactionsSchema, signedBlockSchema } from "../validations/block";
import { describeIssue } from "../validations/issues";
import { nodeInfoSchema, type NodeInfoFields } from "../validations/node";
import { balanceSchema } from "../validations/transaction";
import type { SignedBlock } from "../ledger/types";
import { declaredBytes, parseJsonObject, readBounded } from "./read-answer";
import {
  accountPageBodyBytesMax,
  blockBodyBytesMax,
  checkpointBodyBytesMax,
  headersBodyBytesMax,
  nodeApiTimeoutMs,
  nodeInfoBodyBytesMax,
} from "./response-limits";

const headersSchema = z.object({ blocks: z.array(signedBlockSchema).max(headersLimitMax) });

const accountBalanceSchema = z.object({ balance: balanceSchema });

export type NodeApiInfo = NodeInfoFields;

/**
 * What went wrong with one request. `status`: an HTTP error status; `unreachable`: no connection; `timed_out`: no
 * whole answer within nodeApiTimeoutMs; `redirected`: a 3xx, never followed; `too_large`: past the route's byte
 * limit; `not_json`: not a JSON object; `wrong_shape`: not the protocol's shape; `inconsistent`: two answers that
 * disagree.
 */
export type NodeApiProblem =
  "status" | "unreachable" | "timed_out" | "redirected" | "too_large" | "not_json" | "wrong_shape" | "inconsistent";

/** PROTOCOL.md's `rate_limited`: the node asks to be asked again later, which is no misbehaviour. */
const rateLimitedStatus = 429;

/** A route that has nothing yet (v2's checkpoint before one is witnessed) answers 404 `not_found`. */
const notFoundStatus = 404;

/** A request to the node failed, or the node answered, but not as the protocol says. */
export class NodeApiError extends Error {
  readonly problem: NodeApiProblem;
  /** The node's HTTP status when that was the fault. */
  readonly status: number | null;

  constructor(message: string, problem: NodeApiProblem, status: number | null = null) {
    super(message);
    this.problem = problem;
    this.status = status;
  }

  /**
   * The node did not answer (unreachable, too slow, 5xx, or 429 `rate_limited`): a node or network that is down
   * or busy, which may pass, not a chain that fails verification. Every other problem is the node misbehaving.
   */
  get isUnavailable(): boolean {
    if (this.problem === "unreachable" || this.problem === "timed_out") return true;
    return this.status !== null && (this.status >= 500 || this.status === rateLimitedStatus);
  }
}

/** At most this much of a hostile node's text (a redirect's location) goes into a message, quoted. */
const quotedCharactersMax = 200;

function quoted(text: string): string {
  return JSON.stringify(text.length > quotedCharactersMax ? `${text.slice(0, quotedCharactersMax)}…` : text);
}

/** Reads a node's public API at `baseUrl`; every answer is bounded and checked for shape before it is returned. */
export class NodeApi {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = nodeApiTimeoutMs) {
    this.baseUrl = baseUrl;
    this.fetchImpl = fetchImpl;
    this.timeoutMs = timeoutMs;
  }

  /**
   * GET `path`, read at most `bytesMax` bytes of its answer, and parse it with `schema`. Redirects are not
   * followed (the node at `baseUrl` is the one audited, not wherever it points), and the one timeout covers
   * connecting and the whole body, so that a node that trickles or never finishes is given up on.
   */
  async json<T>(path: string, schema: z.ZodType<T>, bytesMax: number): Promise<T> {
    const what = `GET ${path}`;
    const answer = parseJsonObject(await this.body(path, bytesMax));
    if (!answer.ok) throw new NodeApiError(`${what} answered a body that ${answer.problem}`, "not_json");
    const parsed = schema.safeParse(answer.value);
    if (!parsed.success)
      throw new NodeApiError(
        `${what} answered something that is not the protocol's: ${describeIssue(parsed.error.issues)}`,
        "wrong_shape",
      );
    return parsed.data;
  }

  /** GET `path` as UTF-8 text (v2's signed notes and policy), bounded like every answer; null for a 404. */
  async text(path: string, bytesMax: number): Promise<string | null> {
    let bytes: Uint8Array;
    try {
      bytes = await this.body(path, bytesMax);
    } catch (error) {
      if (error instanceof NodeApiError && error.status === notFoundStatus) return null;
      throw error;
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new NodeApiError(`GET ${path} answered a body that is not UTF-8 text`, "wrong_shape");
    }
  }

  /**
   * GET `path` and read at most `bytesMax` bytes of its answer. Redirects are not followed (the node at `baseUrl`
   * is the one audited, not wherever it points), and the one timeout covers connecting and the whole body, so
   * that a node that trickles or never finishes is given up on.
   */
  private async body(path: string, bytesMax: number): Promise<Uint8Array> {
    const what = `GET ${path}`;
    const signal = AbortSignal.timeout(this.timeoutMs);
    const timedOut = () =>
      new NodeApiError(`${what} timed out: no whole answer within ${this.timeoutMs / 1000} s`, "timed_out");
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.baseUrl), { signal, redirect: "manual" });
    } catch (error) {
      if (signal.aborted) throw timedOut();
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new NodeApiError(`${what}: cannot reach ${new URL(this.baseUrl).origin} (${cause})`, "unreachable");
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get("location");
      throw new NodeApiError(
        `${what} redirected (${status}) to ${location === null ? "nowhere" : quoted(location)}: a verifier follows no redirect`,
        "redirected",
        status,
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new NodeApiError(`${what} answered ${status}`, "status", status);
    }
    const declared = declaredBytes(response.headers.get("content-length"));
    if (declared !== null && declared > bytesMax) {
      await response.body?.cancel().catch(() => {});
      throw new NodeApiError(
        `${what} answered too large a body: it declares ${declared} bytes, more than this route's ${bytesMax}`,
        "too_large",
      );
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readBounded(response.body, bytesMax);
    } catch (error) {
      if (signal.aborted) throw timedOut();
      throw new NodeApiError(
        `${what}: the answer broke off (${error instanceof Error ? error.message : String(error)})`,
        "unreachable",
      );
    }
    if (bytes === null)
      throw new NodeApiError(
        `${what} answered too large a body: more than this route's ${bytesMax} bytes, so it was not read further`,
        "too_large",
      );
    return bytes;
  }

  /** Reads an account's balance as the node reports it. */
  async balance(account: string): Promise<string> {
    return (await this.json(`/api/accounts/${account}?limit=1`, accountBalanceSchema, accountPageBodyBytesMax)).balance;
  }

  info(): Promise<NodeApiInfo> {
    return this.json("/api/node", nodeInfoSchema, nodeInfoBodyBytesMax);
  }

  /** GET /api/log/checkpoint: the node's newest witnessed checkpoint note, or null while it has none (404). */
  checkpoint(): Promise<string | null> {
    return this.text("/api/log/checkpoint", checkpointBodyBytesMax);
  }

  async headers(from: number, limit = headersLimitMax): Promise<SignedBlock[]> {
    return (await this.json(`/api/headers?from=${from}&limit=${limit}`, headersSchema, headersBodyBytesMax)).blocks;
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
            : this.json(`/api/blocks/${block.header.height}`, blockWithTransactionsSchema, blockBodyBytesMax),
        ),
      );
      for (const [position, body] of bodies.entries()) {
        const listed = slice[position]!;
        if (body.block.hash !== listed.hash) {
          throw new NodeApiError(
            `block ${listed.header.height} differs between /api/headers and /api/blocks`,
            "inconsistent",
          );
        }
        run.push({ block: body.block, transactions: body.transactions });
      }
    }
    return run;
  }
}
