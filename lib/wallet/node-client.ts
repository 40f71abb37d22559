// The wallet's view of the node's public API (PROTOCOL.md), typed, with errors as values.
import type { ErrorBody, ErrorCode } from "../ledger/errors";
import type { AccountPage, NodeInfo, Receipt, SignedBlock, SignedTransaction } from "../ledger/types";
import { walletMessage, type WalletMessage } from "./wallet-message";

export type { NodeInfo };

export type ApiResult<T> =
  | { kind: "ok"; status: number; body: T }
  | { kind: "refused"; status: number; error: ErrorBody["error"] }
  /** The node could not be reached, or failed on its side: the request may be retried as it is. */
  | { kind: "unreachable"; message: string; problem: WalletMessage };

// `message` is English, for logs and the node's own words; `problem` is what a page shows, in the reader's language.
const cannotReach = (): ApiResult<never> => ({
  kind: "unreachable",
  message: "The node could not be reached. Check your connection and try again.",
  problem: walletMessage("unreachable.noConnection"),
});
const unreadable = (status: number): ApiResult<never> => ({
  kind: "unreachable",
  message: `The node answered ${status} without a readable body.`,
  problem: walletMessage("unreachable.unreadable", { status }),
});
const failed = (status: number, nodeMessage: string | undefined): ApiResult<never> => ({
  kind: "unreachable",
  message: nodeMessage ?? `The node failed to answer (${status}).`,
  problem: walletMessage("unreachable.failed", { status }),
});

async function request<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store" });
  } catch {
    return cannotReach();
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return unreadable(response.status);
  }
  if (response.ok) return { kind: "ok", status: response.status, body: body as T };
  const error = (body as Partial<ErrorBody>).error;
  if (response.status >= 500 || error === undefined) {
    return failed(response.status, error?.message);
  }
  return { kind: "refused", status: response.status, error };
}

/** The v2 log's text routes (`text/plain`): the text, or the protocol's JSON error (a 404 before any checkpoint). */
async function requestText(path: string): Promise<ApiResult<string>> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store" });
  } catch {
    return cannotReach();
  }
  const isText = (response.headers.get("content-type") ?? "").startsWith("text/plain");
  if (response.ok && isText) {
    // A policy or a checkpoint is a few hundred bytes; anything past this bound is not one.
    const text = await response.text().catch(() => null);
    if (text === null || text.length > textAnswerCharsMax) {
      return {
        kind: "unreachable",
        message: "The node answered with an unreadable log file.",
        problem: walletMessage("unreachable.unreadableLog"),
      };
    }
    return { kind: "ok", status: response.status, body: text };
  }
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  const error = body?.error;
  if (response.status >= 500 || error === undefined) {
    return failed(response.status, error?.message);
  }
  return { kind: "refused", status: response.status, error };
}

/** The largest policy or checkpoint text the wallet reads (a policy of many witnesses stays far below it). */
export const textAnswerCharsMax = 64 * 1024;

/** POST a JSON body to any of the node's routes (the explorer's admin actions use it too). */
export const postJson = <T>(path: string, body: unknown) =>
  request<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const nodeClient = {
  node: () => request<NodeInfo>("/api/node"),
  account: (publicKey: string, before?: string) =>
    request<AccountPage>(
      `/api/accounts/${publicKey}?limit=20${before === undefined ? "" : `&before=${encodeURIComponent(before)}`}`,
    ),
  headers: (from: number, limit: number) =>
    request<{ blocks: SignedBlock[] }>(`/api/headers?from=${from}&limit=${limit}`),
  transaction: (txId: string) => request<{ receipt: Receipt }>(`/api/transactions/${txId}`),
  pay: (signed: SignedTransaction) => postJson<{ receipt: Receipt }>("/api/payments", signed),
  logPolicy: () => requestText("/api/log/policy"),
  logCheckpoint: () => requestText("/api/log/checkpoint"),
  logProof: (height: number, size: number) =>
    request<{ leafIndex: number; treeSize: number; path: string[] }>(`/api/log/proof?height=${height}&size=${size}`),
  logConsistency: (from: number, to: number) =>
    request<{ from: number; to: number; path: string[] }>(`/api/log/consistency?from=${from}&to=${to}`),
  witnessed: (txId: string) => request<unknown>(`/api/transactions/${txId}/witnessed`),
  faucet: (account: string) => postJson<{ receipt: Receipt }>("/api/faucet", { account }),
};

export type { ErrorCode };
