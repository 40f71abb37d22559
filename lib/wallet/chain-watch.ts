// Every wallet is an auditor. It pins the node key at first use and remembers the newest block header it has
// verified; on each visit it checks that the node's chain still extends that header (hash links, header
// hashes, the node's signatures). A node that rewrites history or swaps its key cannot hide it from a wallet.
// On a v2 node the long way is one step of log proofs (log-step.ts, O(log n)); headers are walked only past
// the node's newest checkpoint.
import { linkProblem } from "../ledger/block";
import { canonicalBytes } from "../ledger/canonical";
import { verifyWithWebCrypto } from "../ledger/ed25519";
import { computeBlockHash } from "../ledger/hash";
import type { SignedBlock } from "../ledger/types";
import { logStep } from "./log-step";
import { linkProblemMessage } from "./link-problem";
import { messageFor } from "./messages";
import { nodeClient, type NodeInfo } from "./node-client";
import { walletMessage, type WalletMessage } from "./wallet-message";

export type Pin = { nodePublicKey: string; chainId: string; height: number; hash: string };

export type WatchState =
  | { kind: "checking" }
  | { kind: "ok"; height: number; checkedBlocks: number; isFirstUse: boolean }
  | { kind: "key-changed"; pinnedKey: string; announcedKey: string }
  | { kind: "rewritten"; height: number; seenHash: string; nowHash: string | null }
  /** `reason` is a fragment ("the node's signature … does not verify"), said after the block's height. */
  | { kind: "broken"; height: number; reason: WalletMessage }
  /** `problem`, when the wallet has words of its own for what failed, is what a page shows in its language. */
  | { kind: "unreachable"; message: string; problem?: WalletMessage };

const pinKey = "chainpay:pinned-node";
const headersPerRequest = 1000;

export function readPin(): Pin | null {
  try {
    const pin = JSON.parse(localStorage.getItem(pinKey) ?? "null") as Pin | null;
    return pin !== null && typeof pin.nodePublicKey === "string" ? pin : null;
  } catch {
    return null;
  }
}

function writePin(pin: Pin): void {
  localStorage.setItem(pinKey, JSON.stringify(pin));
}

async function isSignedByNode(block: SignedBlock, nodePublicKey: string): Promise<boolean> {
  return (
    computeBlockHash(block.header) === block.hash &&
    (await verifyWithWebCrypto(nodePublicKey, canonicalBytes(block.header), block.signature))
  );
}

/** The node key this browser trusts: the pinned one, or the node's own at first use (then pinned). */
export async function trustedNodeKey(info: NodeInfo): Promise<string> {
  const pin = readPin();
  if (pin !== null) return pin.nodePublicKey;
  await watchChain(info);
  return readPin()?.nodePublicKey ?? info.nodePublicKey;
}

export async function watchChain(info: NodeInfo): Promise<WatchState> {
  let pin = readPin();
  if (pin === null) {
    if (!(await isSignedByNode(info.head, info.nodePublicKey))) {
      return {
        kind: "broken",
        height: info.head.header.height,
        reason: walletMessage("chain.headUnsigned"),
      };
    }
    writePin({
      nodePublicKey: info.nodePublicKey,
      chainId: info.chainId,
      height: info.head.header.height,
      hash: info.head.hash,
    });
    return { kind: "ok", height: info.head.header.height, checkedBlocks: 1, isFirstUse: true };
  }
  if (info.nodePublicKey !== pin.nodePublicKey) {
    return { kind: "key-changed", pinnedKey: pin.nodePublicKey, announcedKey: info.nodePublicKey };
  }
  if (info.chainId !== pin.chainId || info.head.header.height < pin.height) {
    return { kind: "rewritten", height: pin.height, seenHash: pin.hash, nowHash: null };
  }
  let checkedBlocks = 0;
  if (info.log !== undefined) {
    const step = await logStep(pin, info.log.origin);
    if (step.kind === "unreachable") return { kind: "unreachable", message: step.message, problem: step.problem };
    if (step.kind === "rewritten") return { kind: "rewritten", height: pin.height, seenHash: pin.hash, nowHash: null };
    if (step.kind === "moved") {
      if (!(await isSignedByNode(step.block, pin.nodePublicKey))) {
        return {
          kind: "broken",
          height: step.block.header.height,
          reason: walletMessage("chain.signature"),
        };
      }
      pin = { ...pin, height: step.block.header.height, hash: step.block.hash };
      writePin(pin);
      checkedBlocks = 1;
    }
  }
  let previous: SignedBlock | null = null;
  for (let from = pin.height; from <= info.head.header.height;) {
    const result = await nodeClient.headers(from, headersPerRequest);
    if (result.kind === "unreachable") return { kind: "unreachable", message: result.message, problem: result.problem };
    if (result.kind !== "ok")
      return { kind: "unreachable", message: result.error.message, problem: messageFor(result.error.code) };
    const { blocks } = result.body;
    if (blocks.length === 0) break;
    for (const block of blocks) {
      if (previous === null) {
        // The first header must be the very block this wallet verified before.
        if (block.header.height !== pin.height || block.hash !== pin.hash) {
          return { kind: "rewritten", height: pin.height, seenHash: pin.hash, nowHash: block.hash };
        }
      } else {
        const problem = linkProblem(previous, block.header);
        if (problem !== null)
          return { kind: "broken", height: block.header.height, reason: linkProblemMessage(problem) };
      }
      if (!(await isSignedByNode(block, pin.nodePublicKey))) {
        return {
          kind: "broken",
          height: block.header.height,
          reason: walletMessage("chain.signature"),
        };
      }
      previous = block;
      checkedBlocks += 1;
    }
    writePin({ ...pin, height: previous!.header.height, hash: previous!.hash });
    from = previous!.header.height + 1;
  }
  return { kind: "ok", height: previous?.header.height ?? pin.height, checkedBlocks, isFirstUse: false };
}

/** Starts trusting the node as it is now (after a person has read the warning and chosen to). */
export function forgetPin(): void {
  localStorage.removeItem(pinKey);
}
